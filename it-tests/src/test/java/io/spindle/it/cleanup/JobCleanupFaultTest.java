package io.spindle.it.cleanup;

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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cleanup of an ended job under faults, on a standalone cluster started by its scripts
 * (real JobManager and TaskManager processes) with ZooKeeper HA (Curator's TestingServer) and its
 * HA storage on HDFS (MiniDFSCluster), the job-result store on the local disk. HDFS stops while
 * the job runs, so the cleanup fails at the job's blobs: the entry stays dirty, the attempts are
 * counted in the REST view, and everything goes once HDFS is back, also when ZooKeeper is gone
 * for a while, when the leader is killed in the middle (its successor finishes the cleanup and
 * does not run the job again), and with {@code cleanup-strategy: none} (a JobManager started
 * later finishes it).
 */
class JobCleanupFaultTest {
    private static final long RECORDS = 9_000;

    @TempDir
    Path work;
    private TestingServer zooKeeper;
    private MiniDFSCluster hdfs;
    private ScriptedCluster cluster;
    private final List<Integer> jobManagerPorts = new ArrayList<>();

    @BeforeEach
    void startServices() throws Exception {
        zooKeeper = new TestingServer(ScriptedCluster.freePort(), work.resolve("zookeeper").toFile(), true);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).nameNodePort(ScriptedCluster.freePort()).numDataNodes(1).build();
        hdfs.waitActive();
    }

    @AfterEach
    void stopServices() throws Exception {
        ClusterLeaks leaks = new ClusterLeaks();
        try {
            if (cluster != null) {
                cluster.stop();
                leaks.znodes(zooKeeper.getConnectString(), "/spindle-it")
                        .files(hdfs.getFileSystem(), new org.apache.hadoop.fs.Path("/ha"), "HA storage")
                        .files(work.resolve("job-results"), "job-result store")
                        .files(work.resolve("checkpoints"), "checkpoints");
            }
        } finally {
            hdfs.shutdown();
            zooKeeper.close();
        }
        leaks.assertNone("JobCleanupFaultTest");
    }

    @Test
    void unreachableHdfsAndZooKeeperLeaveTheEntryDirtyUntilTheyAreBackThenNothingIsLeft() throws Exception {
        // ZooKeeper is gone for less than the session: the leader keeps leading, and its cleanup retries.
        startCluster(1, "fixed-delay", "20 s");
        int port = jobManagerPorts.get(0);
        String jobId = runUntilHdfsStops(port);

        JsonNode stuck = awaitCleanup(port, jobId, "blobs", 3);
        assertThat(stuck.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(stuck.path("left").get(0).path("location").asText()).contains("job_" + jobId);
        assertThat(stuck.path("left").findValuesAsText("resource"))
                .containsExactly("blobs", "checkpoints", "high-availability data", "job-result entry");
        assertThat(dirtyEntry(jobId)).as("the entry stays dirty").exists();

        zooKeeper.stop();
        restartNameNode();
        // ZooKeeper's client retries within the session instead of failing: the step waits for it.
        awaitCleanup(port, jobId, "high-availability data", 0, Duration.ofSeconds(15));
        assertThat(dirtyEntry(jobId)).exists();
        zooKeeper.restart();

        awaitCleanupCompleted(port, jobId);
        assertThat(dirtyEntry(jobId)).doesNotExist();
        ExactlyOnceOutput.assertExactFiles(work.resolve("counts"), RECORDS);
    }

    @Test
    void theSuccessorOfALeaderKilledDuringTheCleanupFinishesItAndDoesNotRunTheJobAgain() throws Exception {
        // The killed leader's latch node goes with its session: keep that short.
        startCluster(2, "fixed-delay", "4 s");
        int leader = awaitLeader();
        String jobId = runUntilHdfsStops(leader);
        awaitCleanup(leader, jobId, "blobs", 2);

        ProcessHandle leaderProcess = ClusterRest.jobManagerProcess(leader);
        leaderProcess.destroyForcibly();
        leaderProcess.onExit().get();
        jobManagerPorts.remove(Integer.valueOf(leader));
        int successor = awaitLeader();
        assertThat(get(successor, "/jobs/" + jobId).path("state").asText()).as("answered from the dirty entry")
                .isEqualTo("FINISHED");
        awaitCleanup(successor, jobId, "blobs", 2);

        restartNameNode();

        awaitCleanupCompleted(successor, jobId);
        assertThat(dirtyEntry(jobId)).doesNotExist();
        assertThat(occurrences(processLogs(), "Running job 'Exactly-once counts' (" + jobId + ")")).as("the job ran once")
                .isEqualTo(1);
        ExactlyOnceOutput.assertExactFiles(work.resolve("counts"), RECORDS);
    }

    @Test
    void withCleanupStrategyNoneTheEntryStaysDirtyTheReportSaysWhatIsLeftAndALaterJobManagerFinishes() throws Exception {
        startCluster(1, "none", "20 s");
        int port = jobManagerPorts.get(0);
        String jobId = runUntilHdfsStops(port);

        cluster.awaitTrue("the cleanup gave up", Duration.ofSeconds(60),
                () -> "FAILED".equals(get(port, "/jobs/" + jobId).path("cleanup").path("status").asText()));
        JsonNode report = get(port, "/jobs/" + jobId).path("cleanup");
        assertThat(report.path("left").get(0).path("resource").asText()).isEqualTo("blobs");
        assertThat(report.path("left").get(0).path("failed-attempts").asInt()).isEqualTo(1);
        assertThat(report.path("left").get(0).path("error").asText()).isNotEmpty();
        assertThat(processLogs()).contains("Gave up cleaning up job").contains(jobId);
        assertThat(dirtyEntry(jobId)).exists();

        restartNameNode();
        cluster.stop();
        Result restart = cluster.script("start-cluster.sh");
        assertThat(restart.exitCode()).as(restart.output()).isZero();

        cluster.awaitTrue("a JobManager started later finished the cleanup", Duration.ofSeconds(60),
                () -> !Files.exists(dirtyEntry(jobId)));
        assertThat(get(port, "/jobs/" + jobId).path("state").asText()).isEqualTo("FINISHED");
        ExactlyOnceOutput.assertExactFiles(work.resolve("counts"), RECORDS);
    }

    private void startCluster(int jobManagers, String cleanupStrategy, String sessionTimeout) throws Exception {
        String hdfsUri = hdfs.getFileSystem().getUri().toString();
        cluster = ScriptedCluster.configure(work, 1,
                "high-availability.type: zookeeper",
                "high-availability.zookeeper.quorum: " + zooKeeper.getConnectString(),
                "high-availability.zookeeper.path.root: /spindle-it",
                "high-availability.cluster-id: /cleanup-faults",
                "high-availability.storageDir: " + hdfsUri + "/ha",
                "job-result-store.storage-path: " + work.resolve("job-results").toUri(),
                "high-availability.zookeeper.client.session-timeout: " + sessionTimeout,
                "cleanup-strategy: " + cleanupStrategy,
                "cleanup-strategy.fixed-delay.attempts: 10000",
                "cleanup-strategy.fixed-delay.delay: 200 ms",
                "taskmanager.numberOfTaskSlots: 2",
                "heartbeat.interval: 500 ms",
                "heartbeat.timeout: 5 s")
                .withEnvironment("HADOOP_CLASSPATH", hdfsClientJars());
        Path conf = cluster.confDirectory().resolve("spindle-conf.yaml");
        Files.write(conf, Files.readAllLines(conf).stream().filter(line -> !line.startsWith("rest.")).toList());
        StringBuilder masters = new StringBuilder();
        for (int i = 0; i < jobManagers; i++) {
            jobManagerPorts.add(ScriptedCluster.freePort());
            masters.append("localhost:").append(jobManagerPorts.get(i)).append('\n');
        }
        Files.writeString(cluster.confDirectory().resolve("masters"), masters.toString());
        Result start = cluster.script("start-cluster.sh");
        assertThat(start.exitCode()).as(start.output()).isZero();
    }

    /** The HDFS client, which the JobManager needs for its HA storage: what HADOOP_CLASSPATH gives a user. */
    private static String hdfsClientJars() {
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("hadoop-hdfs-client")).toList());
    }

    /** Runs the exactly-once example, stops HDFS once it has checkpointed, and waits for it to finish. */
    private String runUntilHdfsStops(int port) throws Exception {
        cluster.awaitTrue("the TaskManager registered", Duration.ofSeconds(60),
                () -> get(port, "/overview").path("taskmanagers").asInt() == 1);
        Result run = cluster.cli("run", "-d", "-m", "127.0.0.1:" + port, "-p", "2",
                "-D", "execution.checkpointing.interval=200 ms",
                "-D", "execution.checkpointing.dir=" + work.resolve("checkpoints").toUri(),
                "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar(),
                "--records", String.valueOf(RECORDS), "--rate", "2000", "--output", work.resolve("counts").toUri().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher id = Pattern.compile("[0-9a-f]{32}").matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        String jobId = id.group();
        cluster.awaitTrue("a checkpoint completed", Duration.ofSeconds(30), () ->
                get(port, "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() >= 1);
        hdfs.shutdownNameNode(0);
        cluster.awaitTrue("the job finished", Duration.ofSeconds(60),
                () -> "FINISHED".equals(get(port, "/jobs/" + jobId).path("state").asText()));
        return jobId;
    }

    /** Restarts the NameNode and takes it out of the safe mode it starts in. */
    private void restartNameNode() throws Exception {
        hdfs.restartNameNode(0, true);
        ((org.apache.hadoop.hdfs.DistributedFileSystem) hdfs.getFileSystem())
                .setSafeMode(org.apache.hadoop.hdfs.protocol.HdfsConstants.SafeModeAction.SAFEMODE_LEAVE);
    }

    /** Waits until the cleanup's first step left is {@code resource}, failed at least {@code failures} times. */
    private JsonNode awaitCleanup(int port, String jobId, String resource, int failures) throws Exception {
        return awaitCleanup(port, jobId, resource, failures, Duration.ofSeconds(60));
    }

    private JsonNode awaitCleanup(int port, String jobId, String resource, int failures, Duration timeout)
            throws Exception {
        JsonNode[] cleanup = new JsonNode[1];
        cluster.awaitTrue("the cleanup retries its " + resource, timeout, () -> {
            cleanup[0] = get(port, "/jobs/" + jobId).path("cleanup");
            JsonNode first = cleanup[0].path("left").path(0);
            return resource.equals(first.path("resource").asText()) && first.path("failed-attempts").asInt() >= failures;
        });
        return cleanup[0];
    }

    private void awaitCleanupCompleted(int port, String jobId) throws Exception {
        cluster.awaitTrue("the cleanup completed", Duration.ofSeconds(60),
                () -> "COMPLETED".equals(get(port, "/jobs/" + jobId).path("cleanup").path("status").asText()));
    }

    private Path dirtyEntry(String jobId) {
        return work.resolve("job-results").resolve(jobId + "_DIRTY.json");
    }

    private int awaitLeader() throws Exception {
        int[] leader = {-1};
        cluster.awaitTrue("a JobManager leads", Duration.ofSeconds(60), () -> {
            leader[0] = jobManagerPorts.stream().filter(port -> status(port) == 200).findFirst().orElse(-1);
            return leader[0] > 0;
        });
        return leader[0];
    }

    /** Everything the cluster's processes logged. */
    private String processLogs() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(work.resolve("log"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static int status(int port) {
        try {
            return request(port, "/overview").statusCode();
        } catch (Exception notListening) {
            return -1;
        }
    }
}
