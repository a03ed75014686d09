package io.spindle.it.ha;

import static io.spindle.it.ClusterRest.examplesJar;
import static io.spindle.it.ClusterRest.get;
import static io.spindle.it.ClusterRest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spindle.it.ClusterRest;
import io.spindle.it.ExactlyOnceOutput;
import io.spindle.it.ScriptedCluster;
import io.spindle.it.ScriptedCluster.Result;
import io.spindle.it.leaks.ClusterLeaks;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JobManagers of a standalone cluster, started by {@code start-cluster.sh} from
 * {@code conf/masters} with ZooKeeper HA (a Curator {@code TestingServer}), and two TaskManagers,
 * all real processes. The standby answers 503 naming the leader; {@code kill -9} of the leader
 * during a checkpointed job with an exactly-once FileSink hands the job to the standby, which
 * restores it from its latest checkpoint: the output is exact. A leader frozen with
 * {@code SIGSTOP} past its ZooKeeper session (a zombie) loses the job to the standby; resumed
 * with {@code SIGCONT}, it finds its writes fenced, steps down to standby, and the output has no
 * duplicate.
 */
class StandaloneJobManagerFailoverTest {

    @TempDir
    static Path work;

    private static TestingServer zooKeeper;
    private static ScriptedCluster cluster;
    /** REST ports of the JobManagers that live: those of conf/masters and any a test started or killed. */
    private static final List<Integer> jobManagerPorts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        zooKeeper = new TestingServer(ScriptedCluster.freePort(), work.resolve("zookeeper").toFile(), true);
        cluster = ScriptedCluster.configure(work, 2,
                "high-availability.type: zookeeper",
                "high-availability.zookeeper.quorum: " + zooKeeper.getConnectString(),
                "high-availability.zookeeper.path.root: /spindle-it",
                "high-availability.cluster-id: /standalone-failover",
                "high-availability.storageDir: " + work.resolve("ha").toUri(),
                // The crashed leader's latch node lives until its session expires: keep that short here.
                "high-availability.zookeeper.client.session-timeout: 4 s",
                "taskmanager.numberOfTaskSlots: 2",
                "heartbeat.interval: 500 ms",
                "heartbeat.timeout: 5 s",
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 5",
                "restart-strategy.fixed-delay.delay: 500 ms");
        // As a user of conf/masters would: no REST address in the file, so that the CLI finds the leader in ZooKeeper.
        Path conf = cluster.confDirectory().resolve("spindle-conf.yaml");
        Files.write(conf, Files.readAllLines(conf).stream().filter(line -> !line.startsWith("rest.")).toList());
        jobManagerPorts.addAll(List.of(ScriptedCluster.freePort(), ScriptedCluster.freePort()));
        Files.writeString(cluster.confDirectory().resolve("masters"),
                "localhost:" + jobManagerPorts.get(0) + "\nlocalhost:" + jobManagerPorts.get(1) + "\n");
        Result start = cluster.script("start-cluster.sh");
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).contains("2 JobManager(s), 2 TaskManager(s)");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        ClusterLeaks leaks = new ClusterLeaks();
        try {
            if (cluster != null) {
                cluster.stop();
                leaks.znodes(zooKeeper.getConnectString(), "/spindle-it").files(work.resolve("ha"), "HA storage");
            }
        } finally {
            if (zooKeeper != null) {
                zooKeeper.close();
            }
        }
        leaks.assertNone("StandaloneJobManagerFailoverTest");
    }

    @Test
    void theStandbyTakesOverAKilledLeadersCheckpointedJobWithExactOutput() throws Exception {
        cluster.awaitTrue("a leader with 2 TaskManagers", Duration.ofSeconds(60), () -> leaderPort() > 0
                && get(leaderPort(), "/overview").path("taskmanagers").asInt() == 2);
        int leaderPort = leaderPort();
        int standbyPort = jobManagerPorts.stream().filter(port -> port != leaderPort).findFirst().orElseThrow();
        HttpResponse<String> refused = request(standbyPort, "/overview");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("standby").contains("127.0.0.1:" + leaderPort);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains(":" + leaderPort));

        long records = 30_000;
        Path output = work.resolve("counts");
        String jobId = runExactlyOnceCounts(leaderPort, records, output, "checkpoints");
        cluster.awaitTrue("two checkpoints completed", Duration.ofSeconds(30), () ->
                get(leaderPort, "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() >= 2);

        ProcessHandle leaderProcess = ClusterRest.jobManagerProcess(leaderPort);
        leaderProcess.destroyForcibly();
        leaderProcess.onExit().get();
        jobManagerPorts.remove(Integer.valueOf(leaderPort));

        int[] newLeader = {-1};
        cluster.awaitTrue("a standby leads and runs the job", Duration.ofSeconds(60), () -> {
            newLeader[0] = leaderPort();
            return newLeader[0] > 0 && "RUNNING".equals(get(newLeader[0], "/jobs/" + jobId).path("state").asText());
        });
        Result list = cluster.cli("list");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).as("the CLI follows the new leader without -m")
                .contains("Using the leading JobManager at 127.0.0.1:" + newLeader[0]).contains(jobId);
        cluster.awaitTrue("the recovered job finished", Duration.ofSeconds(90), () ->
                "FINISHED".equals(get(newLeader[0], "/jobs/" + jobId).path("state").asText()));
        assertThat(get(newLeader[0], "/jobs/" + jobId + "/checkpoints").path("counts").path("restored").asInt())
                .as("restored from a checkpoint, not from the beginning").isGreaterThanOrEqualTo(1);
        ExactlyOnceOutput.assertExactFiles(output, records);
    }

    @Test
    void aFrozenLeaderThatResumesStepsDownAndDuplicatesNothing() throws Exception {
        // Whatever the other tests did, at least two JobManagers contend here: the leader and a fresh standby.
        cluster.awaitTrue("a leader", Duration.ofSeconds(60), () -> leaderPort() > 0);
        int leaderPort = leaderPort();
        int standbyPort = ScriptedCluster.freePort();
        Result started = cluster.script("jobmanager.sh", "start", "-D", "rest.port=" + standbyPort, "-D", "jobmanager.rpc.port=0");
        assertThat(started.exitCode()).as(started.output()).isZero();
        jobManagerPorts.add(standbyPort);
        cluster.awaitTrue("the new JobManager to stand by", Duration.ofSeconds(60), () -> answers(standbyPort, 503));
        cluster.awaitTrue("2 TaskManagers", Duration.ofSeconds(60), () ->
                get(leaderPort, "/overview").path("taskmanagers").asInt() == 2);

        long records = 30_000;
        Path output = work.resolve("zombie-counts");
        String jobId = runExactlyOnceCounts(leaderPort, records, output, "zombie-checkpoints");
        cluster.awaitTrue("two checkpoints completed", Duration.ofSeconds(30), () ->
                get(leaderPort, "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() >= 2);

        long zombie = ClusterRest.jobManagerProcess(leaderPort).pid();
        List<Integer> others = jobManagerPorts.stream().filter(port -> port != leaderPort).toList();
        int[] newLeader = {-1};
        signal("STOP", zombie);
        try {
            cluster.awaitTrue("another JobManager to lead and run the job", Duration.ofSeconds(60), () -> {
                newLeader[0] = others.stream().filter(port -> answers(port, 200)).findFirst().orElse(-1);
                return newLeader[0] > 0 && "RUNNING".equals(get(newLeader[0], "/jobs/" + jobId).path("state").asText());
            });
            int completedByNewLeader = get(newLeader[0], "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt();
            cluster.awaitTrue("a checkpoint of the new leader", Duration.ofSeconds(30), () -> get(newLeader[0],
                    "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() > completedByNewLeader);
        } finally {
            signal("CONT", zombie);
        }
        cluster.awaitTrue("the resumed leader to step down to standby", Duration.ofSeconds(30), () -> answers(leaderPort, 503));
        assertThat(ProcessHandle.of(zombie)).as("the zombie lives on as a standby").hasValueSatisfying(
                process -> assertThat(process.isAlive()).isTrue());
        cluster.awaitTrue("the job finished", Duration.ofSeconds(90), () ->
                "FINISHED".equals(get(newLeader[0], "/jobs/" + jobId).path("state").asText()));
        ExactlyOnceOutput.assertExactFiles(output, records);
    }

    /** A JobManager that cannot reach ZooKeeper stops at once with an error naming the quorum and the key. */
    @Test
    void anUnreachableQuorumStopsTheJobManagerWithAClearError() throws Exception {
        String quorum = "127.0.0.1:" + ScriptedCluster.freePort();
        Result start = cluster.script("jobmanager.sh", "start-foreground",
                "-D", "high-availability.zookeeper.quorum=" + quorum,
                "-D", "high-availability.zookeeper.client.connection-timeout=1 s",
                "-D", "rest.port=" + ScriptedCluster.freePort(), "-D", "jobmanager.rpc.port=0");
        assertThat(start.exitCode()).as(start.output()).isNotZero();
        assertThat(start.output()).contains("Could not connect to ZooKeeper at " + quorum)
                .contains("high-availability.zookeeper.quorum");
    }

    private static boolean answers(int port, int status) {
        try {
            return request(port, "/overview").statusCode() == status;
        } catch (Exception notListening) {
            return false;
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }

    /** The REST port of the JobManager that leads (whose REST endpoint answers), or -1. */
    private static int leaderPort() {
        return jobManagerPorts.stream().filter(port -> answers(port, 200)).findFirst().orElse(-1);
    }

    /** Submits the exactly-once example detached, checkpointing every 200 ms, and returns its job id. */
    private static String runExactlyOnceCounts(int restPort, long records, Path output, String checkpoints) throws Exception {
        Result run = cluster.cli("run", "-d", "-m", "127.0.0.1:" + restPort, "-p", "2",
                "-D", "execution.checkpointing.interval=200 ms",
                "-D", "execution.checkpointing.dir=" + work.resolve(checkpoints).toUri(),
                "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar(),
                "--records", String.valueOf(records), "--rate", "1500", "--output", output.toUri().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher id = Pattern.compile("[0-9a-f]{32}").matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        return id.group();
    }

}
