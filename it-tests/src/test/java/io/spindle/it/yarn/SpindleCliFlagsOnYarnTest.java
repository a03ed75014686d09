package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.examples.ExactlyOnceCounts;
import io.spindle.examples.WordCount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink-style flags of {@code scripts/spindle} and {@code scripts/yarn-session.sh} on the
 * embedded sandbox, each command a child process with the examples jar built apart from the
 * test: {@code run -t yarn-application}, {@code list -r/-s}, {@code -t yarn-session} of list,
 * status and cancel, and yarn-session's {@code -q}, {@code -t}, {@code -at}, {@code -nl}, {@code -j}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SpindleCliFlagsOnYarnTest {
    private static final Pattern APPLICATION_ID = Pattern.compile("YARN application:? (application_\\d+_\\d+)");
    private static final Pattern REST_URL = Pattern.compile("REST endpoint: +(http://\\S+)");
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path work;
    private static YarnSandboxFixture yarn;
    private static SpindleCommand commands;

    @BeforeAll
    static void startHadoop() throws Exception {
        yarn = YarnSandboxFixture.start(work, 1);
        commands = new SpindleCommand(yarn.spindleConfDir(), yarn.hadoopConfDir(), work);
    }

    @AfterAll
    static void stopHadoop() throws Exception {
        if (yarn != null) {
            yarn.close();
        }
    }

    @Test
    void queryPrintsTheNodeManagersFreeResourcesAndStartsNothing() throws Exception {
        int applicationsBefore = yarn.yarnClient().getApplications().size();

        SpindleCommand.Outcome query = commands.run("yarn-session.sh", COMMAND_TIMEOUT_SECONDS, "-q");

        assertThat(query.exitCode()).as(query.transcript()).isZero();
        long totalMemory = yarn.yarnClient().getNodeReports().stream()
                .mapToLong(node -> node.getCapability().getMemorySize()).sum();
        assertThat(query.out()).as(query.transcript()).contains("NodeManagers running: 1")
                .containsPattern("Free: \\d+ MB and \\d+ vcores of " + totalMemory + " MB and \\d+ vcores");
        assertThat(yarn.yarnClient().getApplications()).hasSize(applicationsBefore);
    }

    @Test
    void badFlagsExitNonZeroWithAClearMessageAndLeaveNoApplicationOrStaging() throws Exception {
        int applicationsBefore = yarn.yarnClient().getApplications().size();
        List<String> stagingBefore = stagingDirectories();
        Path missingShipFile = work.resolve("no-such-file.txt");

        SpindleCommand.Outcome missingShip = commands.run("yarn-session.sh", COMMAND_TIMEOUT_SECONDS, "-d",
                "-t", missingShipFile.toString());
        assertThat(missingShip.exitCode()).as(missingShip.transcript()).isNotZero();
        assertThat(missingShip.err()).as(missingShip.transcript()).contains(missingShipFile.toString());

        SpindleCommand.Outcome unknownLabel = commands.run("yarn-session.sh", COMMAND_TIMEOUT_SECONDS, "-d",
                "-nl", "gpu-nodes");
        assertThat(unknownLabel.exitCode()).as(unknownLabel.transcript()).isNotZero();
        assertThat(unknownLabel.err()).as(unknownLabel.transcript())
                .contains("The YARN node label 'gpu-nodes' does not exist");

        SpindleCommand.Outcome missingJar = commands.run("yarn-session.sh", COMMAND_TIMEOUT_SECONDS, "-d",
                "-j", work.resolve("no-engine.jar").toString());
        assertThat(missingJar.exitCode()).as(missingJar.transcript()).isNotZero();
        assertThat(missingJar.err()).as(missingJar.transcript()).contains("no-engine.jar (-j, yarn.spindle-dist-jar) does not exist");

        SpindleCommand.Outcome unknownTarget = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "list", "-t", "yarn-sesion");
        assertThat(unknownTarget.exitCode()).as(unknownTarget.transcript()).isEqualTo(2);
        assertThat(unknownTarget.err()).as(unknownTarget.transcript())
                .contains("Unknown target 'yarn-sesion' for -t: the known targets are [remote, yarn-application, yarn-session]");

        SpindleCommand.Outcome applicationWithoutId = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "cancel", "-t",
                "yarn-application", "00000000000000000000000000000abc");
        assertThat(applicationWithoutId.exitCode()).as(applicationWithoutId.transcript()).isNotZero();
        assertThat(applicationWithoutId.err()).as(applicationWithoutId.transcript())
                .contains("-t yarn-application needs the cluster's YARN application id: pass -Dyarn.application.id=<id>");

        assertThat(yarn.yarnClient().getApplications()).as("applications after the rejected commands")
                .hasSize(applicationsBefore);
        assertThat(stagingDirectories()).isEqualTo(stagingBefore);
    }

    @Test
    void runWithTargetYarnApplicationRunsTheProgramInItsOwnCluster() throws Exception {
        SpindleCommand.Outcome run = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run", "-t", "yarn-application",
                "-c", WordCount.class.getName(), YarnSandboxFixture.EXAMPLES_JAR.toString(),
                "--input", yarn.hdfs(YarnSandboxFixture.INPUT), "--output", yarn.hdfs("/out-cli-run-t-application"));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        String applicationId = find(APPLICATION_ID, run);
        assertThat(yarn.awaitEnd(applicationId, Duration.ofSeconds(90)).getFinalApplicationStatus())
                .isEqualTo(FinalApplicationStatus.SUCCEEDED);
        assertThat(yarn.readCounts("/out-cli-run-t-application")).isEqualTo(yarn.expectedCounts());
        yarn.assertStagingDirectoryGone(applicationId);
    }

    @Test
    void aSessionWithShippedFilesItsOwnTypeAndEngineJarIsDrivenWithFlinksFlags() throws Exception {
        Path shipDirectory = Files.createDirectories(work.resolve("ship-dir"));
        Files.writeString(shipDirectory.resolve("lookup.csv"), "a,1\n");
        Path shipFile = Files.writeString(work.resolve("greeting.txt"), "hello\n");
        Path engineJar = Files.copy(YarnSandboxFixture.REPO.resolve("engine-runtime/target/engine-runtime-0.1.0-SNAPSHOT.jar"),
                work.resolve("my-spindle-engine.jar"));

        SpindleCommand.Outcome started = commands.run("yarn-session.sh", COMMAND_TIMEOUT_SECONDS, "-d",
                "-t", shipFile.toString(), "--ship", shipDirectory.toString(), "-at", "Spindle-Flags",
                "-j", engineJar.toString());
        assertThat(started.exitCode()).as(started.transcript()).isZero();
        String applicationId = find(APPLICATION_ID, started);
        String restUrl = find(REST_URL, started);
        try {
            assertThat(yarn.report(applicationId).getApplicationType()).isEqualTo("Spindle-Flags");
            assertThat(stagingFiles(applicationId)).contains("greeting.txt", "ship-dir", "my-spindle-engine.jar")
                    .noneMatch(name -> name.startsWith("engine-runtime-"));
            assertThat(containerWorkingDirectoryFiles(applicationId)).as("localized into the AM's working directory")
                    .contains("greeting.txt", "ship-dir", "my-spindle-engine.jar");

            SpindleCommand.Outcome submitted = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run", "-d",
                    "-c", ExactlyOnceCounts.class.getName(), YarnSandboxFixture.EXAMPLES_JAR.toString(),
                    "--records", "1000000", "--rate", "10", "--output", yarn.hdfs("/out-cli-flags-session"));
            assertThat(submitted.exitCode()).as(submitted.transcript()).isZero();
            String jobId = find(JOB_ID, submitted);

            YarnSandboxFixture.await("the job to run", Duration.ofSeconds(60), () -> commands.run("spindle",
                    COMMAND_TIMEOUT_SECONDS, "status", "-t", "yarn-session", jobId).out().contains("is RUNNING"));
            SpindleCommand.Outcome running = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "list", "-r");
            assertThat(running.exitCode()).as(running.transcript()).isZero();
            assertThat(running.out()).as(running.transcript()).contains("Using the YARN session " + applicationId)
                    .contains(jobId + " : Exactly-once counts (RUNNING)").doesNotContain("Scheduled Jobs");
            SpindleCommand.Outcome scheduled = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "list", "-s", "-t",
                    "yarn-session");
            assertThat(scheduled.out()).as(scheduled.transcript()).contains("No scheduled jobs.").doesNotContain(jobId);

            SpindleCommand.Outcome cancel = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "cancel", "-t",
                    "yarn-session", jobId);
            assertThat(cancel.exitCode()).as(cancel.transcript()).isZero();
            YarnSandboxFixture.await("the job to be cancelled", Duration.ofSeconds(60), () -> commands.run("spindle",
                    COMMAND_TIMEOUT_SECONDS, "status", "--details", jobId).out().contains("State: CANCELED"));
        } finally {
            HttpResponse<String> stop = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(restUrl + "/cluster")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
            assertThat(yarn.awaitEnd(applicationId, Duration.ofSeconds(60)).getFinalApplicationStatus())
                    .isEqualTo(FinalApplicationStatus.SUCCEEDED);
            yarn.assertStagingDirectoryGone(applicationId);
        }
    }

    private static List<String> stagingDirectories() throws Exception {
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(yarn.fileSystem().getHomeDirectory(), ".spindle");
        if (!yarn.fileSystem().exists(staging)) {
            return List.of();
        }
        return Arrays.stream(yarn.fileSystem().listStatus(staging)).map(status -> status.getPath().getName()).sorted().toList();
    }

    private static List<String> stagingFiles(String applicationId) throws Exception {
        FileStatus[] files = yarn.fileSystem().listStatus(new org.apache.hadoop.fs.Path(
                yarn.fileSystem().getHomeDirectory(), ".spindle/" + applicationId));
        return Arrays.stream(files).map(status -> status.getPath().getName()).toList();
    }

    /** The names in the ApplicationMaster container's working directory on the NodeManager. */
    private static List<String> containerWorkingDirectoryFiles(String applicationId) throws Exception {
        try (Stream<Path> paths = Files.walk(yarn.hadoopHome())) {
            Path amDirectory = paths.filter(path -> path.getFileName().toString().endsWith("_000001")
                            && path.getFileName().toString().startsWith("container_")
                            && path.toString().contains("/appcache/" + applicationId + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError("no working directory of the AM container of "
                            + applicationId + " under " + yarn.hadoopHome()));
            try (Stream<Path> files = Files.list(amDirectory)) {
                return files.map(file -> file.getFileName().toString()).toList();
            }
        }
    }

    private static String find(Pattern pattern, SpindleCommand.Outcome outcome) {
        Matcher matcher = pattern.matcher(outcome.out());
        assertThat(matcher.find()).as(pattern + " in\n" + outcome.transcript()).isTrue();
        return matcher.group(1);
    }
}
