package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.JobID;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.client.rest.JobDetails;
import io.spindle.client.rest.JobOverview;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.it.yarn.programs.AsyncWordCount;
import io.spindle.it.yarn.programs.ProgramFunctions;
import io.spindle.it.yarn.programs.TwoEndlessJobs;
import io.spindle.it.yarn.programs.TwoSequentialJobs;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerReport;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How jobs end on YARN, as a user sees it in the application report: a failing per-job job
 * fails the application with the user's exception in the diagnostics; an application-mode
 * main() with several jobs (sequential execute(), executeAsync()) succeeds with every job's
 * exact output; cancelling one job of an application cancels the others and kills the application;
 * a session replaces a TaskManager container that was killed and the job restarts on it.
 * The programs reach the cluster only in a jar built from {@link io.spindle.it.yarn.programs}.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class YarnJobOutcomeTest {
    private static final ClusterSpecification SMALL = new ClusterSpecification(768, 1024, 1);

    @TempDir
    static Path work;
    private static YarnSandboxFixture yarn;
    private static Path programJar;

    @BeforeAll
    static void startHadoop() throws Exception {
        yarn = YarnSandboxFixture.start(work, 1);
        programJar = ProgramJar.build(work.resolve("test-programs.jar"), null);
    }

    @AfterAll
    static void stopHadoop() throws Exception {
        if (yarn != null) {
            yarn.close();
        }
    }

    @Test
    void failingPerJobJobFailsTheApplicationWithTheUsersExceptionInTheDiagnostics() throws Exception {
        String message = "boom-" + UUID.randomUUID();
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.setParallelism(1).setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.readTextFile(yarn.hdfs(YarnSandboxFixture.INPUT))
                .map(new ProgramFunctions.FailingMap(message))
                .writeAsText(yarn.hdfs("/out-failing"));
        JobGraph jobGraph = env.getJobGraph("failing job").withUserJars(List.of(programJar.getFileName().toString()));

        try (YarnClusterDescriptor descriptor = yarn.descriptor(named("failing-per-job"), List.of(programJar))) {
            ClusterClientHandle cluster = descriptor.deployPerJob(SMALL, jobGraph.toBytes());

            assertThat(cluster.waitForFinalStatus(Duration.ofSeconds(90))).isEqualTo(FinalApplicationStatus.FAILED);
            assertThat(cluster.report().getDiagnostics()).contains("failing job", IllegalStateException.class.getName(), message);
            yarn.assertStagingDirectoryGone(cluster.applicationId().toString());
        }
    }

    @Test
    void applicationWithTwoSequentialExecuteCallsRunsBothJobs() throws Exception {
        String counts = yarn.hdfs("/out-sequential/counts");
        String upper = yarn.hdfs("/out-sequential/upper");
        ClusterClientHandle cluster = runApplication("two-executes", TwoSequentialJobs.class,
                "--input", yarn.hdfs(YarnSandboxFixture.INPUT), "--counts", counts, "--upper", upper);

        assertThat(cluster.waitForFinalStatus(Duration.ofSeconds(120))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        assertThat(yarn.readCounts(counts)).isEqualTo(yarn.expectedCounts());
        Map<String, Integer> upperCased = yarn.expectedCounts().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
        assertThat(yarn.readCounts(upper)).isEqualTo(upperCased);
        yarn.assertStagingDirectoryGone(cluster.applicationId().toString());
    }

    @Test
    void applicationWaitingOnAnExecuteAsyncJobClientSucceeds() throws Exception {
        String output = yarn.hdfs("/out-async");
        ClusterClientHandle cluster = runApplication("execute-async", AsyncWordCount.class,
                "--input", yarn.hdfs(YarnSandboxFixture.INPUT), "--output", output);

        assertThat(cluster.waitForFinalStatus(Duration.ofSeconds(120))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        assertThat(yarn.readCounts(output)).isEqualTo(yarn.expectedCounts());
        yarn.assertStagingDirectoryGone(cluster.applicationId().toString());
    }

    @Test
    void cancellingOneJobOfAnApplicationCancelsTheOtherAndKillsTheApplication() throws Exception {
        ClusterClientHandle cluster = runApplication("cancel-one", TwoEndlessJobs.class);
        URI rest = URI.create(cluster.restUrl());
        RestClusterClient client = new RestClusterClient(rest.getHost(), rest.getPort(), Duration.ofSeconds(10));
        YarnSandboxFixture.await("both endless jobs to run", Duration.ofSeconds(90), () -> client.listJobs().stream()
                .filter(job -> job.state().equals("RUNNING")).count() == 2);
        JobID first = client.listJobs().stream().filter(job -> job.name().equals("endless-a"))
                .map(JobOverview::jobId).findFirst().orElseThrow();
        JobID second = client.listJobs().stream().filter(job -> job.name().equals("endless-b"))
                .map(JobOverview::jobId).findFirst().orElseThrow();

        client.cancel(first);

        assertThat(cluster.waitForFinalStatus(Duration.ofSeconds(60))).isEqualTo(FinalApplicationStatus.KILLED);
        ApplicationReport report = cluster.report();
        assertThat(report.getDiagnostics()).contains("cancelled");
        // The REST endpoint ends with the application; its JobManager log (what 'yarn logs' shows) tells how each job ended.
        String jobManagerLog = jobManagerLog(cluster.applicationId().toString());
        assertThat(jobManagerLog).contains("(" + first + ") switched to CANCELED", "(" + second + ") switched to CANCELED");
        yarn.assertStagingDirectoryGone(cluster.applicationId().toString());
    }

    @Test
    void sessionReplacesAKilledTaskManagerContainerAndTheJobRunsAgain() throws Exception {
        try (YarnClusterDescriptor descriptor = yarn.descriptor(named("tm-loss"), List.of())) {
            ClusterClientHandle session = descriptor.deploySession(SMALL);
            URI rest = URI.create(session.restUrl());
            RestClusterClient client = new RestClusterClient(rest.getHost(), rest.getPort(), Duration.ofSeconds(10));
            // The job's own configuration decides how it restarts, as the client's configuration would.
            Configuration jobConfiguration = new Configuration();
            jobConfiguration.setString("restart-strategy.type", "fixed-delay");
            jobConfiguration.setString("restart-strategy.fixed-delay.attempts", "3");
            jobConfiguration.setString("restart-strategy.fixed-delay.delay", "500 ms");
            StreamEnvironment env = new StreamEnvironment(jobConfiguration, null);
            env.setParallelism(1);
            env.addSource(new ProgramFunctions.EndlessNumbers(), "numbers").addSink(new DiscardingSink<>());
            JobID jobId = client.submitJob(env.getJobGraph("endless"), List.of(programJar));
            YarnSandboxFixture.await("the job's task to run", Duration.ofSeconds(60), () -> runningAttempt(client, jobId) == 0);
            ContainerId taskManager = onlyTaskManagerContainer(session.applicationId());

            killProcessesOf(taskManager);

            try {
                YarnSandboxFixture.await("the job's task to run again", Duration.ofSeconds(60),
                        () -> runningAttempt(client, jobId) > 0);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the JobManager's log:\n"
                        + jobManagerLog(session.applicationId().toString()), e);
            }
            assertThat(client.jobDetails(jobId).state()).isEqualTo("RUNNING");
            assertThat(onlyTaskManagerContainer(session.applicationId())).isNotEqualTo(taskManager);

            client.cancel(jobId);
            YarnSandboxFixture.await("the job to be cancelled", Duration.ofSeconds(30),
                    () -> client.jobDetails(jobId).state().equals("CANCELED"));
            YarnSandboxFixture.stopSession(session);
            yarn.assertStagingDirectoryGone(session.applicationId().toString());
        }
    }

    @Test
    void aTaskManagerContainerKilledDuringACheckpointedJobLeavesTheHdfsOutputExact() throws Exception {
        long records = 30_000;
        String output = yarn.hdfs("/out-exactly-once");
        Configuration configuration = named("exactly-once");
        configuration.setString("execution.checkpointing.interval", "300 ms");
        configuration.setString("execution.checkpointing.dir", yarn.hdfs("/checkpoints"));
        configuration.setString("restart-strategy.type", "fixed-delay");
        configuration.setString("restart-strategy.fixed-delay.attempts", "3");
        configuration.setString("restart-strategy.fixed-delay.delay", "500 ms");
        ClusterClientHandle cluster;
        try (YarnClusterDescriptor descriptor = yarn.descriptor(configuration, List.of())) {
            cluster = descriptor.deployApplication(SMALL,
                    new org.apache.hadoop.fs.Path(YarnSandboxFixture.EXAMPLES_JAR.toUri()),
                    "io.spindle.examples.ExactlyOnceCounts", List.of("--records", String.valueOf(records), "--rate", "1500",
                            "--parallelism", "1", "--output", output));
        }
        URI rest = URI.create(cluster.restUrl());
        RestClusterClient client = new RestClusterClient(rest.getHost(), rest.getPort(), Duration.ofSeconds(10));
        YarnSandboxFixture.await("the job's task to run", Duration.ofSeconds(90),
                () -> client.listJobs().size() == 1 && runningAttempt(client, client.listJobs().get(0).jobId()) == 0);
        JobID jobId = client.listJobs().get(0).jobId();
        YarnSandboxFixture.await("two completed checkpoints", Duration.ofSeconds(60),
                () -> completedCheckpoints(rest, jobId) >= 2);

        killProcessesOf(onlyTaskManagerContainer(cluster.applicationId()));

        assertThat(cluster.waitForFinalStatus(Duration.ofSeconds(120))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        assertThat(jobManagerLog(cluster.applicationId().toString())).contains("restores from checkpoint");
        List<String> lines = new java.util.ArrayList<>();
        List<String> hidden = new java.util.ArrayList<>();
        var files = yarn.fileSystem().listFiles(new org.apache.hadoop.fs.Path(output), true);
        while (files.hasNext()) {
            org.apache.hadoop.fs.Path file = files.next().getPath();
            if (file.getName().startsWith(".")) {
                hidden.add(file.toString());
                continue;
            }
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(yarn.fileSystem().open(file),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            }
        }
        assertThat(hidden).as("uncommitted files").isEmpty();
        io.spindle.it.ExactlyOnceOutput.assertExact(lines, records);
        yarn.assertStagingDirectoryGone(cluster.applicationId().toString());
    }

    private static int completedCheckpoints(URI rest, JobID jobId) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId + "/checkpoints")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return 0;
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
                .path("counts").path("completed").asInt();
    }

    /** The attempt number of the job's single subtask while it runs; -1 otherwise. */
    private static int runningAttempt(RestClusterClient client, JobID jobId) {
        JobDetails details = client.jobDetails(jobId);
        if (!details.state().equals("RUNNING")) {
            return -1;
        }
        List<JobDetails.Subtask> subtasks = details.vertices().stream().flatMap(vertex -> vertex.subtasks().stream()).toList();
        boolean allRunning = subtasks.stream().allMatch(subtask -> subtask.status().equals("RUNNING"));
        return allRunning ? subtasks.stream().mapToInt(JobDetails.Subtask::attempt).max().orElse(-1) : -1;
    }

    /** The one running container of the application that is not the ApplicationMaster's. */
    private static ContainerId onlyTaskManagerContainer(ApplicationId applicationId) throws Exception {
        YarnClient yarnClient = yarn.yarnClient();
        ApplicationAttemptId attempt = yarnClient.getApplicationReport(applicationId).getCurrentApplicationAttemptId();
        ContainerId applicationMaster = yarnClient.getApplicationAttemptReport(attempt).getAMContainerId();
        List<ContainerId> taskManagers = yarnClient.getContainers(attempt).stream()
                .filter(container -> container.getContainerState() == ContainerState.RUNNING)
                .map(ContainerReport::getContainerId)
                .filter(container -> !container.equals(applicationMaster))
                .toList();
        assertThat(taskManagers).as("TaskManager containers of " + applicationId).hasSize(1);
        return taskManagers.get(0);
    }

    /** Kills the container's processes, found by the container id in their command line (its log directory). */
    private static void killProcessesOf(ContainerId container) {
        List<ProcessHandle> processes = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(container.toString()))
                .toList();
        assertThat(processes).as("processes of " + container).isNotEmpty();
        processes.forEach(ProcessHandle::destroyForcibly);
    }

    private ClusterClientHandle runApplication(String name, Class<?> program, String... args) throws Exception {
        try (YarnClusterDescriptor descriptor = yarn.descriptor(named(name), List.of())) {
            return descriptor.deployApplication(SMALL, new org.apache.hadoop.fs.Path(programJar.toUri()),
                    program.getName(), List.of(args));
        }
    }

    private static Configuration named(String applicationName) {
        Configuration configuration = new Configuration();
        configuration.setString("yarn.application.name", applicationName);
        return configuration;
    }

    /** The AM container's jobmanager.log, from the NodeManager's log directory of the application. */
    private static String jobManagerLog(String applicationId) throws Exception {
        List<Path> logs = new java.util.ArrayList<>();
        Files.walkFileTree(yarn.hadoopHome(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.getFileName().toString().equals("jobmanager.log") && file.toString().contains(applicationId)) {
                    logs.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, java.io.IOException e) {
                // The NodeManagers delete the directories of finished containers while this walks.
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(logs).as("jobmanager.log of " + applicationId).hasSize(1);
        return Files.readString(logs.get(0));
    }
}
