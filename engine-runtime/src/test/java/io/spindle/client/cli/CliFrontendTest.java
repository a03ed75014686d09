package io.spindle.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.client.program.ContextEnvironment;
import io.spindle.client.program.TestJars;
import io.spindle.client.rest.FakeRestServer;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliFrontendTest {
    private static final JobID JOB = JobID.fromHexString("00000000000000000000000000000abc");

    @TempDir
    Path dir;

    /** What one command printed and returned. */
    private record Outcome(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Outcome spindle(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new CliFrontend(new Configuration(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMisspeltDynamicPropertyIsAWarningWithTheClosestKey() {
        Outcome outcome = spindle("list", "-m", "127.0.0.1:1", "-D", "rest.conection-timeout=1 s");

        assertThat(outcome.errLines()).first().isEqualTo("Warning: Configuration key 'rest.conection-timeout' (-D) is not"
                + " a Spindle option and is ignored; did you mean 'rest.connection-timeout'?");
    }

    @Test
    void unknownVerbIsAUsageError() {
        Outcome outcome = spindle("frobnicate");
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).singleElement().asString()
                .startsWith("Unknown verb 'frobnicate'").contains("run, run-application, list, info, status, cancel");
    }

    @Test
    void noVerbIsAUsageError() {
        Outcome outcome = spindle();
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).singleElement().asString().startsWith("No verb given");
    }

    @Test
    void unknownFlagIsAUsageErrorNamingIt() {
        Outcome outcome = spindle("run", "--frob", "job.jar");
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).singleElement().asString().startsWith("Unknown option '--frob' for 'run'");
    }

    @Test
    void runWithoutAJarIsAUsageError() {
        Outcome outcome = spindle("run", "-t", "local");
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).singleElement().asString().startsWith("The run verb needs a JAR file");
    }

    @Test
    void runApplicationNeedsATarget() {
        Outcome outcome = spindle("run-application", "job.jar");
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).singleElement().asString()
                .startsWith("run-application needs a deployment target (-t)");
    }

    @Test
    void runApplicationRejectsAnUnknownTarget() {
        Outcome outcome = spindle("run-application", "-t", "mars", "job.jar", "--arg");
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).singleElement().asString()
                .startsWith("Unknown deployment target 'mars' for run-application");
    }

    @Test
    void parallelismMustBePositive() {
        Outcome outcome = spindle("run", "-p", "0", "job.jar");
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).containsExactly("Parallelism (-p) must be a positive integer, got '0'");
    }

    @Test
    void aFlagWithoutItsValueIsAUsageError() {
        Outcome outcome = spindle("run", "-c");
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).containsExactly("Option -c of 'run' needs a value <class>");
    }

    @Test
    void aMalformedJobIdIsAUsageError() {
        Outcome outcome = spindle("cancel", "42");
        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(outcome.errLines()).containsExactly("'42' is not a job id: expected 32 hexadecimal digits");
    }

    @Test
    void aMissingJarIsAnErrorWithoutStackTraceUnlessVerbose() {
        Path missing = dir.resolve("missing.jar");
        Outcome quiet = spindle("run", "-t", "local", missing.toString());
        assertThat(quiet.exitCode()).isEqualTo(CliFrontend.ERROR);
        assertThat(quiet.errLines()).containsExactly("JAR file does not exist: " + missing);

        Outcome verbose = spindle("-v", "run", "-t", "local", missing.toString());
        assertThat(verbose.exitCode()).isEqualTo(CliFrontend.ERROR);
        assertThat(verbose.errLines().get(0)).isEqualTo("JAR file does not exist: " + missing);
        assertThat(verbose.err()).contains("\tat io.spindle.client.program.PackagedProgram");
    }

    @Test
    void helpListsVerbsAndAVerbsOptions() {
        Outcome overview = spindle("--help");
        assertThat(overview.exitCode()).isZero();
        assertThat(overview.out()).contains("Verbs:", "run", "list", "cancel");

        Outcome run = spindle("run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: spindle run", "-p, --parallelism <N>", "-d, --detached", "-D <key=value>");
    }

    @Test
    void runsAJobJarInProcessWithTargetLocal() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("sequence.jar"), SequenceJob.class.getName(),
                SequenceJob.class, SequenceJob.CountingMap.class);

        Outcome outcome = spindle("run", "-t", "local", "-p", "2", jar.toString(), "1000");

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.exitCode()).isZero();
        List<String> lines = outcome.out().lines().toList();
        assertThat(lines.get(0)).matches("Job has been submitted with JobID [0-9a-f]{32}");
        String jobId = lines.get(0).substring(lines.get(0).length() - 32);
        assertThat(lines.subList(1, lines.size())).satisfiesExactly(
                line -> assertThat(line).isEqualTo("Program execution finished"),
                line -> assertThat(line).isEqualTo("Job with JobID " + jobId + " has finished."),
                line -> assertThat(line).matches("Job Runtime: \\d+ ms"),
                line -> assertThat(line).isEqualTo("Accumulator Results:"),
                line -> assertThat(line).isEqualTo("- records (java.lang.Long): 1000"));
        assertThat(StreamEnvironment.getEnvironment()).as("context removed").isNotInstanceOf(ContextEnvironment.class);
    }

    @Test
    void anExceptionInTheProgramIsOneLineNamingTheProgram() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("sequence.jar"), null, SequenceJob.class, SequenceJob.CountingMap.class);

        Outcome outcome = spindle("run", "-t", "local", "-c", SequenceJob.class.getName(), jar.toString(), "many");

        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.ERROR);
        assertThat(outcome.errLines()).singleElement().asString()
                .startsWith("The main method of " + SequenceJob.class.getName() + " failed: ")
                .contains("NumberFormatException");
    }

    @Test
    void aFailedJobIsOneLineWithTheUsersException() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("sequence.jar"), SequenceJob.class.getName(),
                SequenceJob.class, SequenceJob.CountingMap.class);

        Outcome outcome = spindle("run", "-t", "local", jar.toString(), "100", "7");

        assertThat(outcome.exitCode()).isEqualTo(CliFrontend.ERROR);
        assertThat(outcome.errLines()).singleElement().asString()
                .startsWith("The main method of " + SequenceJob.class.getName() + " failed: ")
                .contains("java.lang.IllegalStateException: record 7 is bad");
    }

    @Test
    void runDetachedAgainstAClusterSubmitsTheJarAndReturns() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("sequence.jar"), SequenceJob.class.getName(),
                SequenceJob.class, SequenceJob.CountingMap.class);
        try (FakeRestServer cluster = new FakeRestServer()) {
            cluster.on("POST", "/jobs", 202, "{\"jobUrl\":\"/jobs/" + JOB + "\"}");

            Outcome outcome = spindle("run", "-m", cluster.address(), "-d", "-p", "3", jar.toString(), "10");

            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.out().lines()).containsExactly("Job has been submitted with JobID " + JOB);
            List<FakeRestServer.Part> parts = FakeRestServer.multipartParts(cluster.requests("POST", "/jobs").get(0));
            assertThat(parts).extracting(FakeRestServer.Part::name).containsExactly("jobGraph", "jars");
            assertThat(parts.get(1).content()).isEqualTo(Files.readAllBytes(jar));
            JobGraph graph = JobGraph.fromBytes(parts.get(0).content());
            assertThat(graph.getMaximumParallelism()).isEqualTo(3);
            assertThat(graph.getUserJars()).containsExactly("sequence.jar");
            assertThat(cluster.requests()).as("detached: no polling").hasSize(1);
        }
    }

    @Test
    void runAttachedAgainstAClusterWaitsForTheResult() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("sequence.jar"), SequenceJob.class.getName(),
                SequenceJob.class, SequenceJob.CountingMap.class);
        try (FakeRestServer cluster = new FakeRestServer()) {
            cluster.on("POST", "/jobs", 202, "{\"jobUrl\":\"/jobs/" + JOB + "\"}");
            cluster.on("GET", "/jobs/" + JOB, 200, "{\"jid\":\"" + JOB + "\",\"name\":\"sequence job\","
                    + "\"state\":\"FINISHED\",\"start-time\":1,\"end-time\":43,\"duration\":42,\"vertices\":[]}");

            Outcome outcome = spindle("run", "-m", cluster.address(), jar.toString(), "10");

            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.out().lines()).containsExactly("Job has been submitted with JobID " + JOB,
                    "Program execution finished", "Job with JobID " + JOB + " has finished.", "Job Runtime: 42 ms");
        }
    }

    @Test
    void listShowsRunningJobsAndWithAllTheEndedOnes() throws Exception {
        try (FakeRestServer cluster = new FakeRestServer()) {
            cluster.on("GET", "/jobs/overview", 200, "{\"jobs\":["
                    + "{\"jid\":\"" + JOB + "\",\"name\":\"etl\",\"state\":\"RUNNING\",\"start-time\":2,\"end-time\":-1,\"duration\":5},"
                    + "{\"jid\":\"00000000000000000000000000000def\",\"name\":\"old\",\"state\":\"FINISHED\",\"start-time\":1,"
                    + "\"end-time\":2,\"duration\":1}]}");

            Outcome running = spindle("list", "-m", cluster.address());
            assertThat(running.exitCode()).isZero();
            assertThat(running.out()).contains(" : " + JOB + " : etl (RUNNING)", "No scheduled jobs.").doesNotContain("old");

            Outcome all = spindle("list", "-a", "-m", cluster.address());
            assertThat(all.out()).contains("Terminated Jobs", " : 00000000000000000000000000000def : old (FINISHED)");
        }
    }

    @Test
    void listSelectsRunningOrScheduledJobsAsFlinksDoes() throws Exception {
        try (FakeRestServer cluster = new FakeRestServer()) {
            cluster.on("GET", "/jobs/overview", 200, "{\"jobs\":["
                    + "{\"jid\":\"" + JOB + "\",\"name\":\"etl\",\"state\":\"RUNNING\",\"start-time\":2,\"end-time\":-1,\"duration\":5},"
                    + "{\"jid\":\"00000000000000000000000000000def\",\"name\":\"queued\",\"state\":\"CREATED\",\"start-time\":3,"
                    + "\"end-time\":-1,\"duration\":0}]}");

            Outcome running = spindle("list", "-r", "-m", cluster.address());
            assertThat(running.exitCode()).as(running.err()).isZero();
            assertThat(running.out()).contains("Running/Restarting Jobs", "etl (RUNNING)")
                    .doesNotContain("queued", "Scheduled", "No scheduled jobs.");

            Outcome scheduled = spindle("list", "--scheduled", "-t", "remote", "-m", cluster.address());
            assertThat(scheduled.exitCode()).as(scheduled.err()).isZero();
            assertThat(scheduled.out()).contains("Scheduled Jobs", "queued (CREATED)")
                    .doesNotContain("etl", "Running", "No running jobs.");

            Outcome both = spindle("list", "-r", "-s", "-m", cluster.address());
            assertThat(both.out()).contains("etl (RUNNING)", "queued (CREATED)").doesNotContain("Terminated");
        }
    }

    @Test
    void anUnknownClusterTargetIsAUsageErrorListingTheKnownOnes() {
        Outcome list = spindle("list", "-t", "yarn-sesion");
        assertThat(list.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(list.errLines()).containsExactly("Unknown target 'yarn-sesion' for -t: the known targets are [remote]"
                + " (the YARN targets need the yarn-client module on the class path)");

        Outcome cancel = spindle("cancel", "-t", "kubernetes-session", JOB.toString());
        assertThat(cancel.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
        assertThat(cancel.errLines()).singleElement().asString().startsWith("Unknown target 'kubernetes-session' for -t");
    }

    @Test
    void cancelWithTargetRemoteUsesTheGivenAddress() throws Exception {
        try (FakeRestServer cluster = new FakeRestServer()) {
            cluster.on("PATCH", "/jobs/" + JOB, 202, "{}");

            Outcome cancel = spindle("cancel", "-t", "remote", "-m", cluster.address(), JOB.toString());

            assertThat(cancel.exitCode()).as(cancel.err()).isZero();
            assertThat(cluster.requests("PATCH", "/jobs/" + JOB)).hasSize(1);
        }
    }

    @Test
    void versionIsPrintedAsFlinksWithTheCommitWhenKnown() {
        String previous = System.getProperty(CliFrontend.COMMIT_PROPERTY);
        try {
            System.clearProperty(CliFrontend.COMMIT_PROPERTY);
            Outcome version = spindle("--version");
            assertThat(version.exitCode()).isZero();
            assertThat(version.out().lines()).singleElement().asString().matches("Version: \\S+");

            System.setProperty(CliFrontend.COMMIT_PROPERTY, "abc1234");
            Outcome shortForm = spindle("-v");
            assertThat(shortForm.out().lines()).singleElement().asString().matches("Version: \\S+, Commit ID: abc1234");
        } finally {
            if (previous == null) {
                System.clearProperty(CliFrontend.COMMIT_PROPERTY);
            } else {
                System.setProperty(CliFrontend.COMMIT_PROPERTY, previous);
            }
        }
        Outcome verboseVerb = spindle("-v", "frobnicate");
        assertThat(verboseVerb.exitCode()).as("-v before a verb stays verbose").isEqualTo(CliFrontend.USAGE_ERROR);
    }

    @Test
    void infoPrintsTheProgramsPlanWithoutSubmittingIt() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("sequence.jar"), SequenceJob.class.getName(),
                SequenceJob.class, SequenceJob.CountingMap.class);

        Outcome info = spindle("info", "-p", "3", jar.toString(), "10");

        assertThat(info.exitCode()).as(info.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode plan = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.out());
        assertThat(plan.path("type").asText()).isEqualTo("STREAMING");
        assertThat(plan.path("nodes")).isNotEmpty();
        assertThat(plan.path("nodes").findValuesAsText("parallelism")).contains("3");
    }

    @Test
    void infoOfAProgramThatBuildsNoJobIsAnError() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("empty.jar"), NoJobProgram.class.getName(), NoJobProgram.class);

        Outcome info = spindle("info", jar.toString());

        assertThat(info.exitCode()).isEqualTo(CliFrontend.ERROR);
        assertThat(info.errLines()).singleElement().asString().contains("returned without building a job");
    }

    /** A main() that never calls execute(). */
    public static final class NoJobProgram {
        public static void main(String[] args) {
            StreamEnvironment.getEnvironment();
        }
    }

    @Test
    void infoStatusAndCancelTalkToTheCluster() throws Exception {
        try (FakeRestServer cluster = new FakeRestServer()) {
            cluster.on("GET", "/jobs/" + JOB, 200, "{\"jid\":\"" + JOB + "\",\"name\":\"etl\",\"state\":\"RUNNING\","
                    + "\"start-time\":1,\"end-time\":-1,\"duration\":5,\"vertices\":[{\"id\":\"3\",\"name\":\"Source -> Map\","
                    + "\"parallelism\":2,\"maxParallelism\":128,\"status\":\"RUNNING\",\"subtasks\":[]}]}");
            cluster.on("PATCH", "/jobs/" + JOB, 202, "{}");

            Outcome status = spindle("status", "-m", cluster.address(), JOB.toString());
            assertThat(status.out().lines()).containsExactly("Job " + JOB + " (etl) is RUNNING");

            Outcome details = spindle("status", "--details", "-m", cluster.address(), JOB.toString());
            assertThat(details.out()).contains("State: RUNNING", "3 Source -> Map : parallelism 2 (max 128) : RUNNING");

            Outcome info = spindle("info", JOB.toString());
            assertThat(info.exitCode()).isEqualTo(CliFrontend.USAGE_ERROR);
            assertThat(info.errLines()).containsExactly("'" + JOB + "' is a job id, but info prints the plan of a"
                    + " program's jar, as Flink's does; for the job's details use: spindle status --details " + JOB);

            Outcome cancel = spindle("cancel", "-m", cluster.address(), JOB.toString());
            assertThat(cancel.exitCode()).isZero();
            assertThat(cluster.requests("PATCH", "/jobs/" + JOB)).singleElement()
                    .satisfies(request -> assertThat(request.query()).isEqualTo("mode=cancel"));
        }
    }

    @Test
    void theServersErrorAndAnUnreachableClusterAreOneLineErrors() throws Exception {
        try (FakeRestServer cluster = new FakeRestServer()) {
            cluster.on("GET", "/jobs/" + JOB, 404, "{\"errors\":[\"Job " + JOB + " not found\"]}");
            Outcome unknown = spindle("status", "-m", cluster.address(), JOB.toString());
            assertThat(unknown.exitCode()).isEqualTo(CliFrontend.ERROR);
            assertThat(unknown.errLines()).containsExactly("Job " + JOB + " not found");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Outcome unreachable = spindle("list", "-m", "127.0.0.1:" + closedPort);
        assertThat(unreachable.exitCode()).isEqualTo(CliFrontend.ERROR);
        assertThat(unreachable.errLines()).singleElement().asString()
                .startsWith("Could not reach the Spindle REST endpoint at http://127.0.0.1:" + closedPort)
                .endsWith("Is the cluster running?");

        Path jar = TestJars.jarOf(dir.resolve("sequence.jar"), SequenceJob.class.getName(),
                SequenceJob.class, SequenceJob.CountingMap.class);
        Outcome run = spindle("run", "-m", "127.0.0.1:" + closedPort, jar.toString(), "10");
        assertThat(run.exitCode()).isEqualTo(CliFrontend.ERROR);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("Could not reach the Spindle REST endpoint at http://127.0.0.1:" + closedPort);
    }
}
