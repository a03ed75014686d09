package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.it.ExactlyOnceOutput;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZooKeeper HA on YARN, on the embedded sandbox (MiniYARNCluster, MiniDFSCluster, its
 * ZooKeeper): a checkpointed per-job cluster started with {@code scripts/spindle}, whose
 * ApplicationMaster JVM is killed with {@code kill -9}. YARN starts attempt 2, which recovers
 * the job from its latest checkpoint with the TaskManagers of attempt 1; the exactly-once output
 * on HDFS is exact and the application ends SUCCEEDED. An unreachable quorum is refused before
 * any application exists.
 */
class YarnApplicationMasterFailoverTest {
    private static final Pattern APPLICATION_ID = Pattern.compile("(application_\\d+_\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path work;
    private static YarnSandboxFixture yarn;
    private static SpindleCommand commands;

    @BeforeAll
    static void startHadoop() throws Exception {
        yarn = YarnSandboxFixture.start(work, 2);
        commands = new SpindleCommand(yarn.spindleConfDir(), yarn.hadoopConfDir(), work);
    }

    @AfterAll
    static void stopHadoop() throws Exception {
        if (yarn != null) {
            yarn.close();
        }
    }

    @Test
    void attemptTwoRecoversAKilledApplicationMastersJobWithItsTaskManagersAndExactOutput() throws Exception {
        long records = 40_000;
        String output = yarn.hdfs("/out-am-failover");
        SpindleCommand.Outcome run = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run", "-t", "yarn-per-job", "-d",
                "-p", "2", "-D", "high-availability.type=zookeeper",
                "-D", "high-availability.zookeeper.quorum=" + yarn.zooKeeperQuorum(),
                "-D", "high-availability.zookeeper.path.root=/spindle-it-yarn",
                "-D", "high-availability.storageDir=" + yarn.hdfs("/ha"),
                "-D", "taskmanager.numberOfTaskSlots=1",
                "-D", "execution.checkpointing.interval=200 ms",
                "-D", "execution.checkpointing.dir=" + yarn.hdfs("/checkpoints"),
                "-D", "restart-strategy.type=fixed-delay",
                "-D", "restart-strategy.fixed-delay.attempts=5",
                "-D", "restart-strategy.fixed-delay.delay=500 ms",
                "-c", "io.spindle.examples.ExactlyOnceCounts", YarnSandboxFixture.EXAMPLES_JAR.toString(),
                "--records", String.valueOf(records), "--rate", "1500", "--output", output);
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        String applicationId = applicationIdIn(run);

        String firstRestUrl = restUrl(applicationId);
        String jobId = awaitJobId(firstRestUrl);
        YarnSandboxFixture.await("two checkpoints completed", Duration.ofSeconds(60), () ->
                get(firstRestUrl, "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() >= 2);
        List<String> firstTaskManagers = taskManagerIds(firstRestUrl);
        assertThat(firstTaskManagers).hasSize(2);

        ProcessHandle applicationMaster = applicationMasterProcess(applicationId, 1);
        applicationMaster.destroyForcibly();
        applicationMaster.onExit().get();

        YarnSandboxFixture.await("attempt 2 to run the job", Duration.ofSeconds(90), () -> {
            ApplicationReport report = yarn.report(applicationId);
            if (report.getCurrentApplicationAttemptId().getAttemptId() != 2) {
                return false;
            }
            String restUrl = report.getOriginalTrackingUrl();
            return restUrl != null && restUrl.startsWith("http") && !restUrl.equals(firstRestUrl)
                    && "RUNNING".equals(tryGet(restUrl, "/jobs/" + jobId).path("state").asText());
        });
        String secondRestUrl = restUrl(applicationId);
        YarnSandboxFixture.await("the inherited TaskManagers to register", Duration.ofSeconds(30), () ->
                taskManagerIds(secondRestUrl).size() == 2);
        assertThat(taskManagerIds(secondRestUrl)).as("the TaskManagers of attempt 1, no new containers")
                .containsExactlyInAnyOrderElementsOf(firstTaskManagers);
        YarnSandboxFixture.await("a checkpoint of attempt 2 restored", Duration.ofSeconds(60), () ->
                tryGet(secondRestUrl, "/jobs/" + jobId + "/checkpoints").path("counts").path("restored").asInt() >= 1);

        ApplicationReport end = yarn.awaitEnd(applicationId, Duration.ofSeconds(120));
        assertThat(end.getFinalApplicationStatus()).as(end.getDiagnostics()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        assertThat(end.getCurrentApplicationAttemptId().getAttemptId()).isEqualTo(2);
        ExactlyOnceOutput.assertExact(committedLines("/out-am-failover"), records);
        yarn.assertStagingDirectoryGone(applicationId);
    }

    @Test
    void anUnreachableQuorumIsRefusedBeforeAnyApplicationExists() throws Exception {
        int applicationsBefore = yarn.yarnClient().getApplications().size();
        String quorum = "127.0.0.1:1";
        SpindleCommand.Outcome run = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run", "-t", "yarn-per-job",
                "-D", "high-availability.type=zookeeper",
                "-D", "high-availability.zookeeper.quorum=" + quorum,
                "-D", "high-availability.zookeeper.client.connection-timeout=1 s",
                "-D", "high-availability.storageDir=" + yarn.hdfs("/ha"),
                "-c", "io.spindle.examples.ExactlyOnceCounts", YarnSandboxFixture.EXAMPLES_JAR.toString(),
                "--records", "10", "--output", yarn.hdfs("/out-unreachable-quorum"));
        assertThat(run.exitCode()).as(run.transcript()).isNotZero();
        assertThat(run.err()).as(run.transcript()).contains("Could not connect to ZooKeeper at " + quorum)
                .contains("high-availability.zookeeper.quorum").contains("No YARN application was created");
        assertThat(yarn.yarnClient().getApplications()).hasSize(applicationsBefore);
    }

    /** The JVM of the application's AM container of the given attempt, found by its container's log directory. */
    private static ProcessHandle applicationMasterProcess(String applicationId, int attempt) {
        String containerId = ContainerId.newContainerId(
                ApplicationAttemptId.newInstance(ApplicationId.fromString(applicationId), attempt), 1).toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains("/" + containerId + "/")
                        && line.contains("YarnJobClusterEntrypoint")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no process of " + containerId));
    }

    /** The lines of the committed (not hidden) files under an HDFS directory. */
    private static List<String> committedLines(String directory) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> files = yarn.fileSystem().listFiles(new org.apache.hadoop.fs.Path(directory), true);
        while (files.hasNext()) {
            org.apache.hadoop.fs.Path file = files.next().getPath();
            if (file.getName().startsWith(".")) {
                hidden.add(file.toString());
                continue;
            }
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(yarn.fileSystem().open(file), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            }
        }
        assertThat(hidden).as("uncommitted files").isEmpty();
        return lines;
    }

    private static String restUrl(String applicationId) throws Exception {
        String url = yarn.report(applicationId).getOriginalTrackingUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String awaitJobId(String restUrl) throws Exception {
        String[] jobId = new String[1];
        YarnSandboxFixture.await("the job to be listed", Duration.ofSeconds(60), () -> {
            JsonNode jobs = tryGet(restUrl, "/jobs").path("jobs");
            if (jobs.size() == 0) {
                return false;
            }
            jobId[0] = jobs.get(0).path("id").asText();
            return true;
        });
        return jobId[0];
    }

    private static List<String> taskManagerIds(String restUrl) throws Exception {
        List<String> ids = new ArrayList<>();
        tryGet(restUrl, "/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    private static JsonNode get(String restUrl, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Like {@link #get}, but an endpoint that is down or not leading yet gives an empty document. */
    private static JsonNode tryGet(String restUrl, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl.replaceAll("/$", "") + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.missingNode();
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }

    private static String applicationIdIn(SpindleCommand.Outcome outcome) {
        Matcher matcher = APPLICATION_ID.matcher(outcome.out() + outcome.err());
        assertThat(matcher.find()).as("an application id in\n" + outcome.transcript()).isTrue();
        return matcher.group(1);
    }
}
