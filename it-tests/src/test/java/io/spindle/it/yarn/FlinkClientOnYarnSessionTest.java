package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.examples.ExactlyOnceCounts;
import io.spindle.runtime.network.NetworkOptions;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.cli.CliFrontend;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Flink 1.20's {@link RestClusterClient} and {@link CliFrontend} against a Spindle session on
 * the embedded YARN sandbox, through the session's REST endpoint (the AM's tracking URL): list,
 * status, details, accumulators, job result and cancel; {@code flink list -m} and {@code flink
 * cancel -m}. Jobs are submitted by {@code scripts/spindle} in a child process, from the examples
 * jar; their classes reach the containers only in it. {@code /taskmanagers} is checked to carry
 * the figures the session's TaskManager measured and was configured with.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FlinkClientOnYarnSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int TASK_MANAGER_MB = 1024;

    @TempDir
    static Path work;
    private static YarnSandboxFixture yarn;
    private static SpindleCommand commands;
    private static YarnClusterDescriptor descriptor;
    private static ClusterClientHandle session;
    private static URI rest;
    private static RestClusterClient<StandaloneClusterId> flink;

    @BeforeAll
    static void startSessionAndFlinksClient() throws Exception {
        yarn = YarnSandboxFixture.start(work, 1);
        commands = new SpindleCommand(yarn.spindleConfDir(), yarn.hadoopConfDir(), work);
        io.spindle.configuration.Configuration configuration = new io.spindle.configuration.Configuration();
        configuration.setString("yarn.application.name", "flink-client-it");
        descriptor = yarn.descriptor(configuration, List.of());
        session = descriptor.deploySession(new ClusterSpecification(768, TASK_MANAGER_MB, 1));
        rest = URI.create(session.restUrl());
        Configuration flinkConfiguration = new Configuration();
        flinkConfiguration.set(RestOptions.ADDRESS, rest.getHost());
        flinkConfiguration.set(RestOptions.PORT, rest.getPort());
        flink = new RestClusterClient<>(flinkConfiguration, StandaloneClusterId.getInstance());
    }

    @AfterAll
    static void stopSession() throws Exception {
        try {
            if (flink != null) {
                flink.close();
            }
            if (session != null) {
                YarnSandboxFixture.stopSession(session);
                yarn.assertStagingDirectoryGone(session.applicationId().toString());
            }
        } finally {
            if (descriptor != null) {
                descriptor.close();
            }
            if (yarn != null) {
                yarn.close();
            }
        }
    }

    @Test
    void flinksClientListsWatchesAndCancelsAJobOfTheSessionAndTaskManagersShowTheirResources() throws Exception {
        JobID jobId = submit("--records", "1000000", "--rate", "20", "--output", yarn.hdfs("/out-flink-client-running"));
        await("the job runs", () -> flink.getJobStatus(jobId).get() == JobStatus.RUNNING);

        assertThat(flink.listJobs().get()).anySatisfy(job -> {
            assertThat(job.getJobId()).isEqualTo(jobId);
            assertThat(job.getJobName()).isEqualTo("Exactly-once counts");
            assertThat(job.getJobState()).isEqualTo(JobStatus.RUNNING);
        });
        JobDetailsInfo details = flink.getJobDetails(jobId).get();
        assertThat(details.getJobId()).isEqualTo(jobId);
        assertThat(details.getJobStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(details.getJobVertexInfos()).isNotEmpty()
                .allSatisfy(vertex -> assertThat(vertex.getJobVertexID().toHexString()).matches("[0-9a-f]{32}"));
        assertThat(flink.getAccumulators(jobId).get()).isNotNull();
        String listed = flinkCli("list", "-m", rest.getHost() + ":" + rest.getPort());
        assertThat(listed).contains(jobId.toHexString()).contains("Exactly-once counts").contains("RUNNING");

        assertTaskManagerResources();

        flink.cancel(jobId).get();
        try {
            await("the job is cancelled", () -> flink.getJobStatus(jobId).get() == JobStatus.CANCELED);
        } catch (AssertionError notCancelled) {
            throw new AssertionError(notCancelled.getMessage() + "; the job is " + get("/jobs/" + jobId).toPrettyString()
                    + "\njobmanager.log:\n" + yarn.containerLog(session.applicationId().toString(), "jobmanager.log"));
        }
        JobResult result = flink.requestJobResult(jobId).get();
        assertThat(result.getApplicationStatus()).isEqualTo(ApplicationStatus.CANCELED);
    }

    @Test
    void flinksClientReadsTheResultOfAFinishedJobAndFlinksCliCancelsARunningOne() throws Exception {
        JobID finished = submit("--records", "200", "--output", yarn.hdfs("/out-flink-client-finished"));
        JobResult result = flink.requestJobResult(finished).get();
        assertThat(result.getApplicationStatus()).as(result.toString()).isEqualTo(ApplicationStatus.SUCCEEDED);
        assertThat(result.getNetRuntime()).isNotNegative();
        assertThat(flink.getJobStatus(finished).get()).isEqualTo(JobStatus.FINISHED);

        JobID running = submit("--records", "1000000", "--rate", "20", "--output", yarn.hdfs("/out-flink-cli-cancel"));
        await("the job runs", () -> flink.getJobStatus(running).get() == JobStatus.RUNNING);
        String cancelled = flinkCli("cancel", "-m", rest.getHost() + ":" + rest.getPort(), running.toHexString());
        assertThat(cancelled).contains("Cancelled job " + running);
        await("the job is cancelled", () -> flink.getJobStatus(running).get() == JobStatus.CANCELED);
    }

    /**
     * The TaskManager's container: its process size is the session's -tm, its heap and network pool
     * are what it measured, its one slot is taken by the running job.
     */
    private static void assertTaskManagerResources() throws Exception {
        // A job is RUNNING before its subtasks are placed, and an idle TaskManager of an earlier job may still be
        // registered: the one whose slot is taken runs this job.
        await("a TaskManager runs the job", () -> busyTaskManager() != null);
        JsonNode taskManager = busyTaskManager();
        NetworkOptions network = NetworkOptions.defaults();
        long networkBytes = (long) network.segmentSize() * network.totalBuffers();
        JsonNode memory = taskManager.path("memoryConfiguration");
        assertThat(memory.path("totalProcessMemory").asLong()).isEqualTo(TASK_MANAGER_MB * 1024L * 1024L);
        assertThat(memory.path("taskHeap").asLong()).isPositive().isLessThan(TASK_MANAGER_MB * 1024L * 1024L);
        assertThat(memory.path("networkMemory").asLong()).isEqualTo(networkBytes);
        assertThat(memory.path("totalFlinkMemory").asLong())
                .isEqualTo(memory.path("taskHeap").asLong() + networkBytes);
        JsonNode hardware = taskManager.path("hardware");
        assertThat(hardware.path("cpuCores").asInt()).isPositive();
        assertThat(hardware.path("physicalMemory").asLong()).isPositive();
        assertThat(hardware.path("freeMemory").asLong()).isPositive().isLessThanOrEqualTo(memory.path("taskHeap").asLong());
        JsonNode total = taskManager.path("totalResource");
        assertThat(total.path("cpuCores").asDouble()).isEqualTo(1.0);
        assertThat(total.path("taskHeapMemory").asLong()).isEqualTo(memory.path("taskHeap").asLong() >> 20);
        assertThat(total.path("networkMemory").asLong()).isEqualTo(networkBytes >> 20);
        assertThat(taskManager.path("freeResource").path("cpuCores").asDouble()).as("its one slot is taken").isZero();
        assertThat(taskManager.path("freeResource").path("taskHeapMemory").asLong()).isZero();
    }

    private static JsonNode busyTaskManager() throws Exception {
        for (JsonNode candidate : get("/taskmanagers").path("taskmanagers")) {
            if (candidate.path("freeSlots").asInt() == 0) {
                return candidate;
            }
        }
        return null;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(rest.resolve(path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** Submits ExactlyOnceCounts detached to the session with scripts/spindle in a child process. */
    private static JobID submit(String... programArgs) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-d", "-m", rest.getHost() + ":" + rest.getPort(),
                "-c", ExactlyOnceCounts.class.getName(), YarnSandboxFixture.EXAMPLES_JAR.toString()));
        args.addAll(List.of(programArgs));
        SpindleCommand.Outcome run = commands.run("spindle", 120, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        Matcher id = Pattern.compile("JobID ([0-9a-f]{32})").matcher(run.out());
        assertThat(id.find()).as(run.transcript()).isTrue();
        return JobID.fromHexString(id.group(1));
    }

    /** Runs Flink's CLI in this JVM with an empty Flink conf dir and returns what it printed; it must exit with 0. */
    private static synchronized String flinkCli(String... args) throws Exception {
        Path flinkConf = Files.createDirectories(work.resolve("flink-conf"));
        Configuration configuration = new Configuration();
        CliFrontend cli = new CliFrontend(configuration,
                CliFrontend.loadCustomCommandLines(configuration, flinkConf.toString()));
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exitCode = cli.parseAndRun(args);
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        return output;
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        YarnSandboxFixture.await(what, WAIT, condition);
    }
}
