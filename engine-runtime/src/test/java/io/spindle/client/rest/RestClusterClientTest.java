package io.spindle.client.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.JobExecutionException;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RestClusterClientTest {
    private static final JobID JOB = JobID.fromHexString("0123456789abcdef0123456789abcdef");
    private static final String JOB_PATH = "/jobs/" + JOB;

    private FakeRestServer server;
    private RestClusterClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeRestServer();
        client = new RestClusterClient("127.0.0.1", server.port(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsJobs() {
        server.on("GET", "/jobs/overview", 200, "{\"jobs\":[{\"jid\":\"" + JOB + "\",\"name\":\"word count\","
                + "\"state\":\"RUNNING\",\"start-time\":1000,\"end-time\":-1,\"duration\":5,"
                + "\"tasks\":{\"total\":4,\"running\":4,\"finished\":0}}]}");

        assertThat(client.listJobs()).containsExactly(new JobOverview(JOB, "word count", "RUNNING", 1000, -1, 5));
    }

    @Test
    void readsJobDetailsWithVerticesAndSubtasks() {
        server.on("GET", JOB_PATH, 200, runningJobJson());

        JobDetails details = client.jobDetails(JOB);

        assertThat(details.jobId()).isEqualTo(JOB);
        assertThat(details.state()).isEqualTo("RUNNING");
        assertThat(details.isTerminal()).isFalse();
        assertThat(details.vertices()).containsExactly(new JobDetails.Vertex("3", "Source -> Map", 2, 128, "RUNNING",
                List.of(new JobDetails.Subtask(0, 0, "RUNNING", "tm-1", "127.0.0.1"))));
    }

    @Test
    void cancelSendsPatchWithCancelMode() {
        server.on("PATCH", JOB_PATH, 202, "{}");

        client.cancel(JOB);

        assertThat(server.requests("PATCH", JOB_PATH)).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("mode=cancel"));
    }

    @Test
    void anErrorAnswerSurfacesTheServersMessage() {
        server.on("GET", JOB_PATH, 404, "{\"errors\":[\"Job " + JOB + " not found\"]}");

        assertThatThrownBy(() -> client.jobDetails(JOB))
                .isInstanceOf(RestClientException.class)
                .hasMessage("Job " + JOB + " not found")
                .satisfies(e -> assertThat(((RestClientException) e).getHttpStatus()).isEqualTo(404));
    }

    @Test
    void anErrorAnswerThatIsNotJsonIsDescribed() {
        server.on("GET", "/overview", 502, "");

        assertThatThrownBy(() -> client.overview())
                .isInstanceOf(RestClientException.class)
                .hasMessage("The Spindle REST endpoint at http://" + server.address() + " answered GET /overview with HTTP 502");
    }

    @Test
    void anUnreachableServerIsReportedWithItsAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RestClusterClient unreachable = new RestClusterClient("127.0.0.1", closedPort, Duration.ofSeconds(5));

        assertThatThrownBy(unreachable::listJobs)
                .isInstanceOf(RestClientException.class)
                .hasMessage("Could not reach the Spindle REST endpoint at http://127.0.0.1:" + closedPort
                        + ": Connection refused. Is the cluster running?")
                .satisfies(e -> assertThat(((RestClientException) e).getHttpStatus()).isEqualTo(-1));
    }

    @Test
    void submitsTheJobGraphAndJarsAsMultipart(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("user-job.jar"), new byte[] {1, 2, 3, 0, (byte) 0xff, '\r', '\n'});
        server.on("POST", "/jobs", 202, "{\"jobUrl\":\"/jobs/" + JOB + "\"}");
        JobGraph graph = smallJobGraph();

        JobID submitted = client.submitJob(graph, List.of(jar));

        assertThat(submitted).isEqualTo(JOB);
        List<FakeRestServer.Part> parts = FakeRestServer.multipartParts(server.requests("POST", "/jobs").get(0));
        assertThat(parts).extracting(FakeRestServer.Part::name).containsExactly("jobGraph", "jars");
        JobGraph received = JobGraph.fromBytes(parts.get(0).content());
        assertThat(received.getJobId()).isEqualTo(graph.getJobId());
        assertThat(received.getUserJars()).containsExactly("user-job.jar");
        assertThat(parts.get(1).fileName()).isEqualTo("user-job.jar");
        assertThat(parts.get(1).content()).isEqualTo(Files.readAllBytes(jar));
    }

    @Test
    void aMissingJarIsReportedBeforeAnythingIsSent(@TempDir Path dir) {
        Path missing = dir.resolve("gone.jar");

        assertThatThrownBy(() -> client.submitJob(smallJobGraph(), List.of(missing)))
                .isInstanceOf(RestClientException.class)
                .hasMessage("User jar to ship with the job does not exist: " + missing);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void waitsUntilTheJobHasFinished() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        server.on("GET", JOB_PATH, request -> new FakeRestServer.Reply(200,
                polls.incrementAndGet() < 3 ? runningJobJson() : jobJson("FINISHED", 1234)));

        JobExecutionResult result = client.waitForResult(JOB);

        assertThat(result.getJobID()).isEqualTo(JOB);
        assertThat(result.getNetRuntime()).isEqualTo(1234);
        assertThat(polls).hasValue(3);
    }

    @Test
    void aFailedJobIsReportedWithTheClustersRootException() {
        server.on("GET", JOB_PATH, 200, jobJson("FAILED", 10));
        server.on("GET", JOB_PATH + "/exceptions", 200, "{\"root-exception\":\"java.lang.IllegalStateException: bad"
                + " record\\n\\tat com.example.Job.map(Job.java:1)\",\"timestamp\":1,\"exceptionHistory\":[]}");

        assertThatThrownBy(() -> client.waitForResult(JOB))
                .isInstanceOf(JobExecutionException.class)
                .hasMessage("Job " + JOB + " failed: java.lang.IllegalStateException: bad record")
                .satisfies(e -> assertThat(((JobExecutionException) e).getFinalStatus()).isEqualTo(JobStatus.FAILED))
                .cause().isInstanceOf(RemoteJobException.class)
                .satisfies(cause -> assertThat(((RemoteJobException) cause).getRemoteTrace()).contains("Job.java:1"));
    }

    @Test
    void theJobClientReportsStatusAndPollsOnlyWhenAskedForTheResult() throws Exception {
        server.on("GET", JOB_PATH, 200, jobJson("CANCELED", 7));
        RestJobClient jobClient = new RestJobClient(client, JOB);

        assertThat(jobClient.getJobStatus().get()).isEqualTo(JobStatus.CANCELED);
        assertThat(server.requests("GET", JOB_PATH)).hasSize(1);
        assertThatThrownBy(() -> jobClient.getJobExecutionResult().get())
                .hasCauseInstanceOf(JobExecutionException.class)
                .hasMessageContaining("was cancelled");
        assertThat(jobClient.getJobExecutionResult()).isSameAs(jobClient.getJobExecutionResult());
    }

    private static JobGraph smallJobGraph() {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.fromSequence(1, 10).addSink(new DiscardingSink<>());
        return env.getJobGraph("small");
    }

    private static String runningJobJson() {
        return "{\"jid\":\"" + JOB + "\",\"name\":\"job\",\"state\":\"RUNNING\",\"start-time\":1,\"end-time\":-1,"
                + "\"duration\":5,\"vertices\":[{\"id\":\"3\",\"name\":\"Source -> Map\",\"parallelism\":2,"
                + "\"maxParallelism\":128,\"status\":\"RUNNING\",\"subtasks\":[{\"subtask\":0,\"attempt\":0,"
                + "\"status\":\"RUNNING\",\"taskmanager-id\":\"tm-1\",\"host\":\"127.0.0.1\"}]}]}";
    }

    private static String jobJson(String state, long duration) {
        return "{\"jid\":\"" + JOB + "\",\"name\":\"job\",\"state\":\"" + state + "\",\"start-time\":1,"
                + "\"end-time\":" + (1 + duration) + ",\"duration\":" + duration + ",\"vertices\":[]}";
    }
}
