package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.JobID;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.api.StreamEnvironment;
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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How jobs end on YARN, as a user sees it in the application report: a failing per-job job
 * fails the application with the user's exception in the diagnostics; an application-mode
 * main() with several jobs (sequential execute(), executeAsync()) succeeds with every job's
 * exact output; cancelling one job of an application cancels the others and kills the application.
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
    static void stopHadoop() {
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
        try (Stream<Path> files = Files.walk(yarn.hadoopHome())) {
            List<Path> logs = files.filter(file -> file.getFileName().toString().equals("jobmanager.log")
                    && file.toString().contains(applicationId)).toList();
            assertThat(logs).as("jobmanager.log of " + applicationId).hasSize(1);
            return Files.readString(logs.get(0));
        }
    }
}
