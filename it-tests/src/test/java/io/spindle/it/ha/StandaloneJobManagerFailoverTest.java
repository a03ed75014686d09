package io.spindle.it.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.it.ExactlyOnceOutput;
import io.spindle.it.ScriptedCluster;
import io.spindle.it.ScriptedCluster.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * restores it from its latest checkpoint: the output is exact.
 */
class StandaloneJobManagerFailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;

    private static TestingServer zooKeeper;
    private static ScriptedCluster cluster;
    private static int[] restPorts;

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
        restPorts = new int[] {ScriptedCluster.freePort(), ScriptedCluster.freePort()};
        Files.writeString(cluster.confDirectory().resolve("masters"),
                "localhost:" + restPorts[0] + "\nlocalhost:" + restPorts[1] + "\n");
        Result start = cluster.script("start-cluster.sh");
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).contains("2 JobManager(s), 2 TaskManager(s)");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @Test
    void theStandbyTakesOverAKilledLeadersCheckpointedJobWithExactOutput() throws Exception {
        cluster.awaitTrue("a leader with 2 TaskManagers", Duration.ofSeconds(60), () -> leader() >= 0
                && get(restPorts[leader()], "/overview").path("taskmanagers").asInt() == 2);
        int leader = leader();
        int standby = 1 - leader;
        HttpResponse<String> refused = request(restPorts[standby], "/overview");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("standby").contains("127.0.0.1:" + restPorts[leader]);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains(":" + restPorts[leader]));

        long records = 30_000;
        Path output = work.resolve("counts");
        Result run = cluster.cli("run", "-d", "-m", "127.0.0.1:" + restPorts[leader], "-p", "2",
                "-D", "execution.checkpointing.interval=200 ms",
                "-D", "execution.checkpointing.dir=" + work.resolve("checkpoints").toUri(),
                "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar(),
                "--records", String.valueOf(records), "--rate", "1500", "--output", output.toUri().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher id = Pattern.compile("[0-9a-f]{32}").matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        String jobId = id.group();
        cluster.awaitTrue("two checkpoints completed", Duration.ofSeconds(30), () ->
                get(restPorts[leader], "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() >= 2);

        long leaderPid = jobManagerPids().get(leader);
        ProcessHandle leaderProcess = ProcessHandle.of(leaderPid).orElseThrow();
        leaderProcess.destroyForcibly();
        leaderProcess.onExit().get();

        cluster.awaitTrue("the standby leads and runs the job", Duration.ofSeconds(60), () -> leader() == standby
                && "RUNNING".equals(get(restPorts[standby], "/jobs/" + jobId).path("state").asText()));
        cluster.awaitTrue("the recovered job finished", Duration.ofSeconds(90), () ->
                "FINISHED".equals(get(restPorts[standby], "/jobs/" + jobId).path("state").asText()));
        assertThat(get(restPorts[standby], "/jobs/" + jobId + "/checkpoints").path("counts").path("restored").asInt())
                .as("restored from a checkpoint, not from the beginning").isGreaterThanOrEqualTo(1);
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

    /** The index (in conf/masters) of the JobManager whose REST endpoint answers, or -1. */
    private static int leader() throws Exception {
        for (int i = 0; i < restPorts.length; i++) {
            try {
                if (request(restPorts[i], "/overview").statusCode() == 200) {
                    return i;
                }
            } catch (java.io.IOException notListening) {
                // killed, or not up yet
            }
        }
        return -1;
    }

    /** The JobManagers' PIDs, in the order start-cluster.sh started them (that of conf/masters). */
    private static List<Long> jobManagerPids() throws Exception {
        try (var files = Files.list(work.resolve("pids"))) {
            Path pidFile = files.filter(f -> f.getFileName().toString().endsWith("-jobmanager.pid")).findFirst().orElseThrow();
            return Files.readAllLines(pidFile).stream().filter(line -> !line.isBlank()).map(Long::parseLong).toList();
        }
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = request(port, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> request(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String examplesJar() {
        return ScriptedCluster.REPO.resolve("examples/target/examples-0.1.0-SNAPSHOT.jar").toString();
    }
}
