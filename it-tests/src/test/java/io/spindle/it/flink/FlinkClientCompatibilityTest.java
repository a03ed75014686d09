package io.spindle.it.flink;

import io.spindle.it.ScriptedCluster;
import io.spindle.it.ScriptedCluster.Check;
import io.spindle.it.ScriptedCluster.Result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.cli.CliFrontend;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Flink 1.20's own REST client ({@link RestClusterClient}) and command line
 * ({@link CliFrontend}) drive a standalone Spindle cluster of real processes, started with the
 * scripts: list, status, details, accumulators, job result and cancel, as a Flink user's tools do;
 * and the jar routes that Flink's dashboard uses plan and run a jar.
 */
class FlinkClientCompatibilityTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static ScriptedCluster cluster;
    private static int restPort;
    private static Path jobJar;
    private static RestClusterClient<StandaloneClusterId> flink;

    @BeforeAll
    static void startClusterAndFlinksClient() throws Exception {
        cluster = ScriptedCluster.configure(work, 1, "taskmanager.numberOfTaskSlots: 4", "restart-strategy.type: none");
        restPort = cluster.restPort();
        jobJar = countingJobJar(work.resolve("counting-job.jar"));

        cluster.start();
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.PORT, restPort);
        flink = new RestClusterClient<>(configuration, StandaloneClusterId.getInstance());
        io.spindle.client.rest.RestClusterClient spindle = new io.spindle.client.rest.RestClusterClient("127.0.0.1",
                restPort, Duration.ofSeconds(5));
        awaitTrue("the TaskManager registered", () -> spindle.overview().taskManagers() == 1);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void flinksClientListsWatchesAndCancelsARunningJob() throws Exception {
        JobID jobId = submit("--records", "1000000", "--pause-ms", "10", "--name", "slow counting");
        awaitTrue("the job runs", () -> flink.getJobStatus(jobId).get() == JobStatus.RUNNING);

        Collection<JobStatusMessage> jobs = flink.listJobs().get();
        assertThat(jobs).anySatisfy(job -> {
            assertThat(job.getJobId()).isEqualTo(jobId);
            assertThat(job.getJobName()).isEqualTo("slow counting");
            assertThat(job.getJobState()).isEqualTo(JobStatus.RUNNING);
            assertThat(job.getStartTime()).isPositive();
        });
        JobDetailsInfo details = flink.getJobDetails(jobId).get();
        assertThat(details.getJobId()).isEqualTo(jobId);
        assertThat(details.getName()).isEqualTo("slow counting");
        assertThat(details.getJobStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(details.getJobVertexInfos()).isNotEmpty().allSatisfy(vertex -> {
            assertThat(vertex.getJobVertexID().toHexString()).matches("[0-9a-f]{32}");
            assertThat(vertex.getParallelism()).isPositive();
        });
        assertThat(details.getJsonPlan()).contains(jobId.toHexString());

        String listed = flinkCli("list", "-m", "127.0.0.1:" + restPort);
        assertThat(listed).contains(jobId.toHexString()).contains("slow counting").contains("RUNNING");

        flink.cancel(jobId).get();
        awaitTrue("the job is cancelled", () -> flink.getJobStatus(jobId).get() == JobStatus.CANCELED);
        JobResult result = flink.requestJobResult(jobId).get();
        assertThat(result.getApplicationStatus()).isEqualTo(ApplicationStatus.CANCELED);
    }

    @Test
    void flinksClientReadsTheResultAndAccumulatorsOfAFinishedJob() throws Exception {
        JobID jobId = submit("--records", "1000", "--name", "quick counting");

        JobResult result = flink.requestJobResult(jobId).get();

        assertThat(result.getJobId()).isEqualTo(jobId);
        assertThat(result.getApplicationStatus()).isEqualTo(ApplicationStatus.SUCCEEDED);
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.getNetRuntime()).isNotNegative();
        assertThat(result.toJobExecutionResult(getClass().getClassLoader()).<Long>getAccumulatorResult("records"))
                .isEqualTo(1000L);
        Map<String, Object> accumulators = flink.getAccumulators(jobId).get();
        assertThat(accumulators).containsEntry("records", 1000L);
        assertThat(flink.getJobStatus(jobId).get()).isEqualTo(JobStatus.FINISHED);
    }

    @Test
    void flinksClientRethrowsTheFailureOfAFailedJob() throws Exception {
        JobID jobId = submit("--records", "1000", "--fail-at", "7", "--name", "failing counting");

        JobResult result = flink.requestJobResult(jobId).get();

        assertThat(result.getApplicationStatus()).isEqualTo(ApplicationStatus.FAILED);
        assertThat(result.getSerializedThrowable()).hasValueSatisfying(failure -> {
            assertThat(failure.getOriginalErrorClassName()).isEqualTo(IllegalStateException.class.getName());
            assertThat(failure.getFullStringifiedStackTrace()).contains("record 7 is bad");
            assertThat(failure.deserializeError(getClass().getClassLoader())).hasMessageContaining("record 7 is bad");
        });
        assertThatThrownBy(() -> result.toJobExecutionResult(getClass().getClassLoader()))
                .hasStackTraceContaining("record 7 is bad");
    }

    @Test
    void flinksCliCancelsAJob() throws Exception {
        JobID jobId = submit("--records", "1000000", "--pause-ms", "10", "--name", "cancelled by flink");
        awaitTrue("the job runs", () -> flink.getJobStatus(jobId).get() == JobStatus.RUNNING);

        String cancelled = flinkCli("cancel", "-m", "127.0.0.1:" + restPort, jobId.toHexString());

        assertThat(cancelled).contains("Cancelled job " + jobId);
        awaitTrue("the job is cancelled", () -> flink.getJobStatus(jobId).get() == JobStatus.CANCELED);
    }

    /**
     * Flink's client and CLI take savepoints of a running job and stop jobs with one: the paths
     * they print hold a savepoint, and a stopped job ends FINISHED.
     */
    @Test
    void flinksClientAndCliTakeSavepointsAndStopJobsWithOne() throws Exception {
        String directory = work.resolve("flink-savepoints").toUri().toString();
        JobID byClient = submit("--records", "1000000", "--pause-ms", "10", "--name", "savepointed by flink");
        JobID byCli = submit("--records", "1000000", "--pause-ms", "10", "--name", "stopped by flink's cli");
        awaitTrue("the jobs run", () -> flink.getJobStatus(byClient).get() == JobStatus.RUNNING
                && flink.getJobStatus(byCli).get() == JobStatus.RUNNING);

        String savepoint = flink.triggerSavepoint(byClient, directory, SavepointFormatType.CANONICAL).get();
        assertSavepointAt(savepoint);
        String cliSavepoint = flinkCli("savepoint", "-m", "127.0.0.1:" + restPort, byClient.toHexString(), directory);
        assertSavepointAt(pathIn(cliSavepoint));
        String stopped = flink.stopWithSavepoint(byClient, false, directory, SavepointFormatType.CANONICAL).get();
        assertSavepointAt(stopped);
        assertThat(flink.getJobStatus(byClient).get()).isEqualTo(JobStatus.FINISHED);

        String cliStop = flinkCli("stop", "-m", "127.0.0.1:" + restPort, "-p", directory, byCli.toHexString());
        assertSavepointAt(pathIn(cliStop));
        awaitTrue("the job stopped by the CLI finished", () -> flink.getJobStatus(byCli).get() == JobStatus.FINISHED);
    }

    private static String pathIn(String cliOutput) {
        Matcher path = Pattern.compile("Path: (\\S+)").matcher(cliOutput);
        assertThat(path.find()).as(cliOutput).isTrue();
        return path.group(1);
    }

    private static void assertSavepointAt(String location) {
        Path directory = Path.of(java.net.URI.create(location.replaceFirst("^file:/+", "file:///")));
        assertThat(directory.resolve("_metadata")).as(location).exists();
    }

    @Test
    void jarsUploadedAsToFlinksDashboardArePlannedAndRunWithArgumentsAndAJobIdOfTheCallersChoice() throws Exception {
        String boundary = "spindle-it-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"counting.jar\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(head);
        body.write(Files.readAllBytes(jobJar));
        body.write(tail);
        JsonNode uploaded = http("POST", "/v1/jars/upload", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        String jarId = Path.of(uploaded.path("filename").asText()).getFileName().toString();

        JsonNode plan = http("POST", "/v1/jars/" + jarId + "/plan?parallelism=3", "application/json",
                "{\"programArgs\":\"--records 10 --name 'planned only'\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(plan.path("plan").path("name").asText()).isEqualTo("planned only");
        assertThat(plan.path("plan").path("nodes")).isNotEmpty().allSatisfy(node ->
                assertThat(node.path("id").asText()).matches("[0-9a-f]{32}"));
        assertThat(plan.path("plan").path("nodes").findValuesAsText("parallelism")).contains("3");
        assertThat(flink.listJobs().get()).noneSatisfy(job -> assertThat(job.getJobName()).isEqualTo("planned only"));

        JobID chosen = JobID.fromHexString("5b1d1e5b1d1e5b1d1e5b1d1e5b1d1e00");
        JsonNode run = http("POST", "/v1/jars/" + jarId + "/run", "application/json",
                ("{\"programArgs\":\"--records 500 --name 'run from a jar'\",\"jobId\":\"" + chosen + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(run.path("jobid").asText()).isEqualTo(chosen.toHexString());
        JobResult result = flink.requestJobResult(chosen).get();
        assertThat(result.getApplicationStatus()).isEqualTo(ApplicationStatus.SUCCEEDED);
        assertThat(flink.getJobDetails(chosen).get().getName()).isEqualTo("run from a jar");
        assertThat(flink.getAccumulators(chosen).get()).containsEntry("records", 500L);
    }

    private static JsonNode http(String method, String path, String contentType, byte[] body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + restPort + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** Submits the counting job detached with Spindle's CLI; its classes are only in the jar. */
    private static JobID submit(String... programArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "-m", "127.0.0.1:" + restPort, "-p", "2",
                "-c", CountingJob.class.getName(), jobJar.toString()));
        args.addAll(List.of(programArgs));
        Result run = cluster.cli(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher id = Pattern.compile("[0-9a-f]{32}").matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        return JobID.fromHexString(id.group());
    }

    /** Runs Flink's CLI in this JVM and returns what it printed; it must exit with 0. */
    private static synchronized String flinkCli(String... args) throws Exception {
        Configuration configuration = new Configuration();
        CliFrontend cli = new CliFrontend(configuration,
                CliFrontend.loadCustomCommandLines(configuration, work.resolve("conf").toString()));
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

    /** A jar of {@link CountingJob} and its nested classes, read from this test's class path. */
    private static Path countingJobJar(Path jar) throws Exception {
        Path classes = Path.of(CountingJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packagePath = CountingJob.class.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CountingJob.class.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.list(classes.resolve(packagePath))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("CountingJob")).toList()) {
                out.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        cluster.awaitTrue(what, WAIT, check);
    }
}
