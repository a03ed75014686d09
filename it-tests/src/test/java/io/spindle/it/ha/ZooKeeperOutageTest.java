package io.spindle.it.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.it.ExactlyOnceOutput;
import io.spindle.it.ScriptedCluster;
import io.spindle.it.leaks.ClusterLeaks;
import io.spindle.it.ScriptedCluster.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster with ZooKeeper HA (real JobManager and TaskManager processes) while its
 * ZooKeeper goes away during a checkpointed exactly-once job. An outage shorter than the session
 * keeps the leader and restarts nothing (Flink restarts every job here, FLINK-10052); a 3-server
 * ensemble that loses its quorum for longer than the session suspends the job, which the leader
 * elected once the quorum is back recovers from its latest checkpoint. The output is exact in both.
 */
class ZooKeeperOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long RECORDS = 30_000;

    @TempDir
    Path work;
    private ScriptedCluster cluster;
    private AutoCloseable zooKeeper;
    /** The quorum the cluster was given, for the leak check. */
    private String connectString;

    @AfterEach
    void stop() throws Exception {
        ClusterLeaks leaks = new ClusterLeaks();
        try {
            if (cluster != null) {
                cluster.stop();
                leaks.znodes(connectString, "/spindle-it").files(work.resolve("ha"), "HA storage");
            }
        } finally {
            if (zooKeeper != null) {
                zooKeeper.close();
            }
        }
        leaks.assertNone("ZooKeeperOutageTest");
    }

    @Test
    void aConnectionLossShorterThanTheSessionKeepsTheLeaderAndRestartsNoJob() throws Exception {
        TestingServer server = new TestingServer(ScriptedCluster.freePort(), work.resolve("zookeeper").toFile(), true);
        zooKeeper = server;
        startCluster(server.getConnectString(), "20 s");
        String jobId = runAndAwaitCheckpoints();

        server.stop();
        Thread.sleep(4_000);
        server.restart();

        awaitFinished(jobId);
        assertThat(checkpointCounts(jobId).path("restored").asInt()).as("restarted from a checkpoint").isZero();
        ExactlyOnceOutput.assertExactFiles(work.resolve("counts"), RECORDS);
    }

    @Test
    void anEnsembleWithoutQuorumSuspendsTheJobAndTheNextLeaderRecoversIt() throws Exception {
        TestingCluster ensemble = new TestingCluster(3);
        zooKeeper = ensemble;
        ensemble.start();
        startCluster(ensemble.getConnectString(), "4 s");
        String jobId = runAndAwaitCheckpoints();

        InstanceSpec[] stopped = ensemble.getInstances().stream().limit(2).toArray(InstanceSpec[]::new);
        for (InstanceSpec instance : stopped) {
            assertThat(ensemble.killServer(instance)).isTrue();
        }
        cluster.awaitTrue("the leader to give up leadership", Duration.ofSeconds(30), () -> status("/overview") == 503
                || status("/overview") < 0);
        for (InstanceSpec instance : stopped) {
            assertThat(ensemble.restartServer(instance)).isTrue();
        }

        awaitFinished(jobId);
        assertThat(checkpointCounts(jobId).path("restored").asInt()).as("recovered from a checkpoint")
                .isGreaterThanOrEqualTo(1);
        ExactlyOnceOutput.assertExactFiles(work.resolve("counts"), RECORDS);
    }

    private void startCluster(String quorum, String sessionTimeout) throws Exception {
        connectString = quorum;
        cluster = ScriptedCluster.configure(work, 2,
                "high-availability.type: zookeeper",
                "high-availability.zookeeper.quorum: " + quorum,
                "high-availability.zookeeper.path.root: /spindle-it",
                "high-availability.cluster-id: /zookeeper-outage",
                "high-availability.storageDir: " + work.resolve("ha").toUri(),
                "high-availability.zookeeper.client.session-timeout: " + sessionTimeout,
                // The default restart strategy with checkpoints (exponential-delay): a leader that was elected again
                // may find the TaskManagers still releasing the slots of its previous term at its first attempts.
                "taskmanager.numberOfTaskSlots: 2").start();
        cluster.awaitTrue("a leader with 2 TaskManagers", Duration.ofSeconds(60), () -> status("/overview") == 200
                && get("/overview").path("taskmanagers").asInt() == 2);
    }

    /** Submits the exactly-once example (about 20 s of input) and waits for two completed checkpoints. */
    private String runAndAwaitCheckpoints() throws Exception {
        Result run = cluster.cli("run", "-d", "-m", cluster.restAddress(), "-p", "2",
                "-D", "execution.checkpointing.interval=200 ms",
                "-D", "execution.checkpointing.dir=" + work.resolve("checkpoints").toUri(),
                "-c", "io.spindle.examples.ExactlyOnceCounts",
                ScriptedCluster.REPO.resolve("examples/target/examples-0.1.0-SNAPSHOT.jar").toString(),
                "--records", String.valueOf(RECORDS), "--rate", "1500",
                "--output", work.resolve("counts").toUri().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher id = Pattern.compile("[0-9a-f]{32}").matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        String jobId = id.group();
        cluster.awaitTrue("two checkpoints completed", Duration.ofSeconds(30), () ->
                checkpointCounts(jobId).path("completed").asInt() >= 2);
        return jobId;
    }

    private void awaitFinished(String jobId) throws Exception {
        cluster.awaitTrue("the job finished", Duration.ofSeconds(120), () -> status("/overview") == 200
                && "FINISHED".equals(get("/jobs/" + jobId).path("state").asText()));
    }

    private JsonNode checkpointCounts(String jobId) throws Exception {
        return get("/jobs/" + jobId + "/checkpoints").path("counts");
    }

    /** The status of a GET, or -1 while nothing answers. */
    private int status(String path) {
        try {
            return request(path).statusCode();
        } catch (Exception notAnswering) {
            return -1;
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = request(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> request(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + cluster.restAddress() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
