package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.examples.WordCount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's commands end to end: {@code scripts/spindle} and {@code scripts/yarn-session.sh} of
 * this worktree run as child processes against the embedded Hadoop sandbox's conf dir. Checks
 * exit codes, messages, the exact output on HDFS, the applications' final status and that
 * rejected commands leave no YARN application behind.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SpindleCliOnYarnTest {
    private static final Pattern APPLICATION_ID = Pattern.compile("YARN application:? (application_\\d+_\\d+)");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path work;
    private static YarnSandboxFixture yarn;
    private static SpindleCommand commands;
    private static String examplesJar;

    @BeforeAll
    static void startHadoop() throws Exception {
        yarn = YarnSandboxFixture.start(work, 1);
        commands = new SpindleCommand(yarn.spindleConfDir(), yarn.hadoopConfDir(), work);
        examplesJar = YarnSandboxFixture.EXAMPLES_JAR.toString();
    }

    @AfterAll
    static void stopHadoop() throws Exception {
        if (yarn != null) {
            yarn.close();
        }
    }

    @Test
    void runOnAPerJobClusterWritesTheExactCountsAndSucceeds() throws Exception {
        String output = yarn.hdfs("/out-cli-per-job");
        SpindleCommand.Outcome run = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run", "-t", "yarn-per-job",
                "-c", WordCount.class.getName(), examplesJar,
                "--input", yarn.hdfs(YarnSandboxFixture.INPUT), "--output", output);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        String applicationId = applicationIdIn(run);
        assertThat(yarn.readCounts("/out-cli-per-job")).isEqualTo(yarn.expectedCounts());
        assertSucceeded(applicationId);
    }

    @Test
    void runApplicationWithALocalJarSucceeds() throws Exception {
        runApplicationSucceeds(examplesJar, "/out-cli-application-local");
    }

    @Test
    void runApplicationWithAJarOnHdfsSucceeds() throws Exception {
        org.apache.hadoop.fs.Path jarOnHdfs = new org.apache.hadoop.fs.Path("/jars/examples.jar");
        yarn.fileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(YarnSandboxFixture.EXAMPLES_JAR.toUri()), jarOnHdfs);
        runApplicationSucceeds(yarn.hdfs(jarOnHdfs.toString()), "/out-cli-application-hdfs");
    }

    private void runApplicationSucceeds(String jar, String outputPath) throws Exception {
        SpindleCommand.Outcome run = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run-application", "-t",
                "yarn-application", "-c", WordCount.class.getName(), jar,
                "--input", yarn.hdfs(YarnSandboxFixture.INPUT), "--output", yarn.hdfs(outputPath));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        String applicationId = applicationIdIn(run);
        assertSucceeded(applicationId);
        assertThat(yarn.readCounts(outputPath)).isEqualTo(yarn.expectedCounts());
    }

    @Test
    void rejectedCommandsExitNonZeroWithAClearMessageAndLeaveNoApplication() throws Exception {
        int applicationsBefore = yarn.yarnClient().getApplications().size();
        Path missingJar = work.resolve("no-such-program.jar");

        SpindleCommand.Outcome missing = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run", "-t", "yarn-per-job",
                missingJar.toString(), "--input", yarn.hdfs(YarnSandboxFixture.INPUT));
        assertThat(missing.exitCode()).as(missing.transcript()).isNotZero();
        assertThat(missing.err()).as(missing.transcript()).contains(missingJar.toString());

        SpindleCommand.Outcome unknownClass = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run-application", "-t",
                "yarn-application", "-c", "com.example.NoSuchProgram", examplesJar);
        assertThat(unknownClass.exitCode()).as(unknownClass.transcript()).isNotZero();
        assertThat(unknownClass.err()).as(unknownClass.transcript()).contains("com.example.NoSuchProgram");

        SpindleCommand.Outcome unknownQueue = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run", "-t", "yarn-per-job",
                "-Dyarn.application.queue=nope", "-c", WordCount.class.getName(), examplesJar,
                "--input", yarn.hdfs(YarnSandboxFixture.INPUT), "--output", yarn.hdfs("/out-cli-nope"));
        assertThat(unknownQueue.exitCode()).as(unknownQueue.transcript()).isNotZero();
        assertThat(unknownQueue.err()).as(unknownQueue.transcript()).contains("'nope'").containsIgnoringCase("queue");

        assertThat(yarn.yarnClient().getApplications()).as("applications after the rejected commands")
                .hasSize(applicationsBefore);
        assertThat(yarn.fileSystem().exists(new org.apache.hadoop.fs.Path("/out-cli-nope"))).isFalse();
    }

    @Test
    void sessionShowsItsSettingsInYarnAndListReportsItGoneAfterAKill() throws Exception {
        SpindleCommand.Outcome started = commands.run("yarn-session.sh", COMMAND_TIMEOUT_SECONDS, "-d",
                "-nm", "cli-settings", "-qu", "default", "-D", "yarn.application.type=Spindle-IT",
                "-D", "yarn.tags=nightly,cli-test");
        assertThat(started.exitCode()).as(started.transcript()).isZero();
        String applicationId = applicationIdIn(started);

        ApplicationReport report = yarn.report(applicationId);
        assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.RUNNING);
        assertThat(report.getName()).isEqualTo("cli-settings");
        assertThat(report.getApplicationType()).isEqualTo("Spindle-IT");
        assertThat(report.getApplicationTags()).containsExactlyInAnyOrder("nightly", "cli-test");
        assertThat(report.getQueue()).isIn("default", "root.default");

        // What 'yarn application -kill <id>' does.
        yarn.yarnClient().killApplication(ApplicationId.fromString(applicationId));
        assertThat(yarn.awaitEnd(applicationId, Duration.ofSeconds(30)).getYarnApplicationState())
                .isEqualTo(YarnApplicationState.KILLED);

        // The type is part of how the CLI recognises a Spindle cluster, so it is given like the user configured it.
        SpindleCommand.Outcome list = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "list",
                "-Dyarn.application.id=" + applicationId, "-Dyarn.application.type=Spindle-IT");
        assertThat(list.exitCode()).as(list.transcript()).isNotZero();
        assertThat(list.err()).as(list.transcript()).contains(applicationId).containsIgnoringCase("KILLED");
        // The killed ApplicationMaster could not delete its files; the client that found it ended did.
        yarn.assertStagingDirectoryGone(applicationId);
    }

    /**
     * spindle stop on a per-job cluster found by its application id, the savepoint then moved off
     * HDFS to a local directory, and run-application -s from there: the committed output of both
     * runs holds every record exactly once, and both applications end SUCCEEDED.
     */
    @Test
    void aStoppedPerJobClusterResumesAsAnApplicationFromItsRelocatedSavepoint() throws Exception {
        long records = 12_000;
        String output = yarn.hdfs("/out-stop-resume");
        String checkpoints = "execution.checkpointing.dir=" + yarn.hdfs("/checkpoints-stop-resume");
        SpindleCommand.Outcome run = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run", "-t", "yarn-per-job", "-d",
                "-p", "1", "-D", "execution.checkpointing.interval=200 ms", "-D", checkpoints,
                "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar,
                "--records", String.valueOf(records), "--rate", "1000", "--output", output);
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        String applicationId = applicationIdIn(run);
        String jobId = match(Pattern.compile("JobID ([0-9a-f]{32})"), run);
        int restPort = Integer.parseInt(match(Pattern.compile("REST endpoint http://[^:]+:(\\d+)"), run));
        YarnSandboxFixture.await("a completed checkpoint", Duration.ofSeconds(60), () -> io.spindle.it.ClusterRest
                .get(restPort, "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() >= 1);

        SpindleCommand.Outcome stop = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "stop", "-p",
                yarn.hdfs("/savepoints"), jobId, "-Dyarn.application.id=" + applicationId);
        assertThat(stop.exitCode()).as(stop.transcript()).isZero();
        String savepoint = match(Pattern.compile("Savepoint completed. Path: (\\S+)"), stop);
        assertSucceeded(applicationId);
        Path relocated = work.resolve("relocated-savepoint");
        yarn.fileSystem().copyToLocalFile(new org.apache.hadoop.fs.Path(savepoint),
                new org.apache.hadoop.fs.Path(relocated.toUri()));
        yarn.fileSystem().delete(new org.apache.hadoop.fs.Path(savepoint), true);

        SpindleCommand.Outcome resumed = commands.run("spindle", COMMAND_TIMEOUT_SECONDS, "run-application", "-t",
                "yarn-application", "-s", relocated.toUri().toString(), "-D", "execution.checkpointing.interval=200 ms",
                "-D", checkpoints, "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar,
                "--records", String.valueOf(records), "--output", output);
        assertThat(resumed.exitCode()).as(resumed.transcript()).isZero();
        assertSucceeded(applicationIdIn(resumed));
        io.spindle.it.ExactlyOnceOutput.assertExact(committedLines("/out-stop-resume"), records);
    }

    /** The lines of the committed (not hidden) files under an HDFS directory. */
    private static java.util.List<String> committedLines(String directory) throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>();
        var files = yarn.fileSystem().listFiles(new org.apache.hadoop.fs.Path(directory), true);
        while (files.hasNext()) {
            org.apache.hadoop.fs.Path file = files.next().getPath();
            assertThat(file.getName()).as("no uncommitted file is left").doesNotStartWith(".");
            try (var in = yarn.fileSystem().open(file)) {
                lines.addAll(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
            }
        }
        return lines;
    }

    private static String match(Pattern pattern, SpindleCommand.Outcome outcome) {
        Matcher matcher = pattern.matcher(outcome.out());
        assertThat(matcher.find()).as(pattern + " in\n" + outcome.transcript()).isTrue();
        return matcher.group(1);
    }

    private static void assertSucceeded(String applicationId) throws Exception {
        ApplicationReport report = yarn.awaitEnd(applicationId, Duration.ofSeconds(90));
        assertThat(report.getFinalApplicationStatus()).as(report.getDiagnostics()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        yarn.assertStagingDirectoryGone(applicationId);
        assertThat(yarn.liveApplications()).isEmpty();
    }

    private static String applicationIdIn(SpindleCommand.Outcome outcome) {
        Matcher matcher = APPLICATION_ID.matcher(outcome.out());
        assertThat(matcher.find()).as("an application id in\n" + outcome.transcript()).isTrue();
        return matcher.group(1);
    }
}
