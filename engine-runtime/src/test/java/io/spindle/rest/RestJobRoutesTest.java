package io.spindle.rest;

import static io.spindle.rest.RestClusterRoutesTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spindle.rest.RestClusterBackend.ExceptionEntry;
import io.spindle.rest.RestClusterBackend.Failure;
import io.spindle.rest.RestClusterBackend.JobExceptions;
import io.spindle.rest.RestClusterBackend.JobResult;
import io.spindle.rest.RestTestClient.Reply;
import io.spindle.util.InstantiationUtil;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.OptionalFailure;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

/**
 * The job routes answer with Flink 1.20's JSON shapes: the exact field names that Flink's REST
 * client and dashboard read, and Java-serialized values that Flink's classes read back.
 */
class RestJobRoutesTest extends RestEndpointFixture {
    private static final String JOB = FakeClusterBackend.KNOWN_JOB.toHexString();
    private static final String JOB_PATH = "/jobs/" + JOB;
    private static final String VERTEX = FakeClusterBackend.VERTEX;

    @Test
    void jobs() throws Exception {
        Reply reply = client.get("/jobs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"jobs\":[{\"id\":\"" + JOB + "\",\"status\":\"RUNNING\"}]}");
    }

    @Test
    void jobsOverviewCountsTasksForEveryExecutionStateLowerCased() throws Exception {
        Reply reply = client.get("/jobs/overview");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"jobs\":[{\"jid\":\"" + JOB + "\",\"name\":\"word count\","
                + "\"state\":\"RUNNING\",\"start-time\":1,\"end-time\":-1,\"duration\":5,\"last-modification\":40,"
                + "\"tasks\":{\"total\":4,\"created\":0,\"scheduled\":0,\"deploying\":1,\"running\":3,\"finished\":0,"
                + "\"canceling\":0,\"canceled\":0,\"failed\":0,\"reconciling\":0,\"initializing\":0}}]}");
    }

    @Test
    void jobDetailsHaveFlinksFields() throws Exception {
        Reply reply = client.get(JOB_PATH);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode job = reply.body();
        assertThat(fieldNames(job)).containsExactly("jid", "name", "isStoppable", "state", "job-type", "start-time",
                "end-time", "duration", "maxParallelism", "now", "timestamps", "vertices", "status-counts", "plan");
        assertThat(job.get("jid").asText()).isEqualTo(JOB);
        assertThat(job.get("isStoppable").asBoolean()).isFalse();
        assertThat(job.get("job-type").asText()).isEqualTo("STREAMING");
        assertThat(job.get("maxParallelism").asInt()).isEqualTo(128);
        assertThat(job.get("now").asLong()).isPositive();
        assertThat(job.get("timestamps").toString()).isEqualTo("{\"INITIALIZING\":0,\"CREATED\":1,\"RUNNING\":2,"
                + "\"FAILING\":0,\"FAILED\":0,\"CANCELLING\":0,\"CANCELED\":0,\"FINISHED\":0,\"RESTARTING\":0,"
                + "\"SUSPENDED\":0,\"RECONCILING\":0}");
        assertThat(job.get("status-counts").toString()).isEqualTo("{\"CREATED\":0,\"SCHEDULED\":0,\"DEPLOYING\":0,"
                + "\"RUNNING\":1,\"FINISHED\":0,\"CANCELING\":0,\"CANCELED\":0,\"FAILED\":0,\"RECONCILING\":0,"
                + "\"INITIALIZING\":0}");
        assertThat(job.get("plan").get("nodes").get(0).get("id").asText()).isEqualTo(VERTEX);

        JsonNode vertex = job.get("vertices").get(0);
        assertThat(fieldNames(vertex)).containsExactly("id", "slotSharingGroupId", "name", "maxParallelism",
                "parallelism", "status", "start-time", "end-time", "duration", "tasks", "metrics", "subtasks");
        assertThat(vertex.get("id").asText()).isEqualTo(VERTEX).matches("[0-9a-f]{32}");
        assertThat(vertex.get("slotSharingGroupId").asText()).matches("[0-9a-f]{32}");
        assertThat(vertex.get("start-time").asLong()).isEqualTo(3);
        assertThat(vertex.get("end-time").asLong()).isEqualTo(-1);
        assertThat(vertex.get("duration").asLong()).isEqualTo(job.get("now").asLong() - 3);
        assertThat(vertex.get("tasks").get("RUNNING").asInt()).isEqualTo(1);
        assertThat(vertex.get("tasks").get("DEPLOYING").asInt()).isEqualTo(1);
        assertThat(vertex.get("tasks").size()).isEqualTo(10);
        assertThat(fieldNames(vertex.get("metrics"))).containsExactly("read-bytes", "read-bytes-complete",
                "write-bytes", "write-bytes-complete", "read-records", "read-records-complete", "write-records",
                "write-records-complete", "accumulated-backpressured-time", "accumulated-idle-time",
                "accumulated-busy-time");
    }

    @Test
    void aVertexHasItsSubtasksWithTheirTimes() throws Exception {
        Reply reply = client.get(JOB_PATH + "/vertices/" + VERTEX);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(fieldNames(reply.body())).containsExactly("id", "name", "parallelism", "maxParallelism", "now",
                "subtasks", "aggregated");
        JsonNode subtask = reply.body().get("subtasks").get(0);
        assertThat(fieldNames(subtask)).containsExactly("subtask", "status", "attempt", "endpoint", "host",
                "start-time", "start_time", "end-time", "duration", "taskmanager-id", "metrics", "status-duration");
        assertThat(subtask.get("status").asText()).isEqualTo("RUNNING");
        assertThat(subtask.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(subtask.get("taskmanager-id").asText()).isEqualTo("tm-1");
        assertThat(subtask.get("start-time").asLong()).isEqualTo(3);
        assertThat(subtask.get("end-time").asLong()).isEqualTo(-1);
        assertThat(subtask.get("status-duration").get("CREATED").asLong()).isEqualTo(2);
        assertThat(subtask.get("status-duration").get("DEPLOYING").asLong()).isEqualTo(1);
        assertThat(subtask.get("status-duration").get("SCHEDULED").asLong()).isZero();

        assertThat(client.get(JOB_PATH + "/vertices/" + "00000000000000000000000000000009").status()).isEqualTo(404);
        Reply malformed = client.get(JOB_PATH + "/vertices/3");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("errors").get(0).asText()).contains("32 hex digits");
    }

    @Test
    void planAndConfigOfAJob() throws Exception {
        Reply plan = client.get(JOB_PATH + "/plan");
        Reply config = client.get(JOB_PATH + "/config");

        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body().toString()).isEqualTo("{\"plan\":" + FakeClusterBackend.PLAN + "}");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().toString()).isEqualTo("{\"jid\":\"" + JOB + "\",\"name\":\"word count\","
                + "\"execution-config\":{\"execution-mode\":\"PIPELINED\",\"restart-strategy\":\"default\","
                + "\"job-parallelism\":2,\"object-reuse-mode\":false,\"user-config\":{\"parallelism.default\":\"2\","
                + "\"pipeline.name\":\"word count\",\"s3.secret-key\":\"******\"}}}");
    }

    @Test
    void accumulatorsAsFlinksLongCountersWithValuesFlinkDeserializes() throws Exception {
        Reply plain = client.get(JOB_PATH + "/accumulators");
        Reply withSerialized = client.get(JOB_PATH + "/accumulators?includeSerializedValue=true");

        assertThat(plain.body().toString()).isEqualTo("{\"job-accumulators\":[],\"user-task-accumulators\":["
                + "{\"name\":\"records\",\"type\":\"LongCounter\",\"value\":\"42\"}],"
                + "\"serialized-user-task-accumulators\":{}}");
        byte[] serialized = withSerialized.body().get("serialized-user-task-accumulators").get("records").binaryValue();
        OptionalFailure value = InstantiationUtil.deserializeObject(serialized, getClass().getClassLoader());
        assertThat(value.value()).isEqualTo(42L);
        assertThat(value.failureCause()).isNull();
        assertThat(client.get(JOB_PATH + "/accumulators?includeSerializedValue=yes").status()).isEqualTo(400);
    }

    @Test
    void executionResultIsInProgressWhileTheJobRuns() throws Exception {
        Reply reply = client.get(JOB_PATH + "/execution-result");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"status\":{\"id\":\"IN_PROGRESS\"}}");
        assertThat(client.get("/jobs/" + FakeClusterBackend.SUBMITTED_JOB.toHexString() + "/execution-result")
                .status()).isEqualTo(404);
    }

    @Test
    void executionResultOfAFinishedJob() throws Exception {
        backend.result = new JobResult(JOB, "FINISHED", 100, 350, Map.of("records", 42L), null);

        JsonNode body = client.get(JOB_PATH + "/execution-result").body();

        assertThat(body.get("status").toString()).isEqualTo("{\"id\":\"COMPLETED\"}");
        JsonNode result = body.get("job-execution-result");
        assertThat(fieldNames(result)).containsExactly("id", "application-status", "net-runtime",
                "accumulator-results");
        assertThat(result.get("id").asText()).isEqualTo(JOB);
        assertThat(result.get("application-status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.get("net-runtime").asLong()).isEqualTo(250);
        OptionalFailure records = InstantiationUtil.deserializeObject(
                result.get("accumulator-results").get("records").binaryValue(), getClass().getClassLoader());
        assertThat(records.value()).isEqualTo(42L);
    }

    @Test
    void executionResultOfAFailedJobCarriesItsCauseAsFlinksSerializedThrowable() throws Exception {
        byte[] original = InstantiationUtil.serializeObject(new IllegalStateException("bad record"));
        backend.result = new JobResult(JOB, "FAILED", 100, 150, Map.of(), new Failure("java.lang.IllegalStateException",
                "bad record", "java.lang.IllegalStateException: bad record\n\tat a.B.c(B.java:1)", original));

        JsonNode result = client.get(JOB_PATH + "/execution-result").body().get("job-execution-result");

        assertThat(result.get("application-status").asText()).isEqualTo("FAILED");
        JsonNode cause = result.get("failure-cause");
        assertThat(fieldNames(cause)).containsExactly("class", "stack-trace", "serialized-throwable");
        assertThat(cause.get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
                cause.get("serialized-throwable").binaryValue()))) {
            SerializedThrowable throwable = (SerializedThrowable) in.readObject();
            assertThat(throwable.getMessage()).isEqualTo("java.lang.IllegalStateException: bad record");
            assertThat(throwable.originalErrorClassName()).isEqualTo("java.lang.IllegalStateException");
            assertThat(throwable.fullStringifiedStackTrace()).contains("a.B.c(B.java:1)");
            assertThat(throwable.serializedException()).isEqualTo(original);
        }
    }

    @Test
    void exceptionsHaveFlinksHistoryEntries() throws Exception {
        Reply reply = client.get(JOB_PATH + "/exceptions");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"root-exception\":null,\"timestamp\":7,\"all-exceptions\":[],"
                + "\"truncated\":false,\"exceptionHistory\":{\"entries\":[{\"exceptionName\":"
                + "\"java.lang.IllegalStateException\",\"stacktrace\":\"java.lang.IllegalStateException: boom\","
                + "\"timestamp\":7,\"taskName\":\"Source -> Map (1/2)\",\"location\":\"127.0.0.1\",\"endpoint\":"
                + "\"127.0.0.1\",\"taskManagerId\":\"tm-1\",\"failureLabels\":{},\"concurrentExceptions\":[]}],"
                + "\"truncated\":false}}");
    }

    @Test
    void exceptionHistoryListsTheNewestSixteenAndSaysItWasTruncated() throws Exception {
        List<ExceptionEntry> history = new ArrayList<>();
        for (int i = 20; i > 0; i--) {
            history.add(new ExceptionEntry("java.lang.IllegalStateException",
                    "java.lang.IllegalStateException: failure " + i, i, null, null, null));
        }
        backend.exceptions = new JobExceptions("java.lang.IllegalStateException: failure 20", 20,
                history);

        JsonNode exceptionHistory = client.get(JOB_PATH + "/exceptions").body().get("exceptionHistory");

        assertThat(exceptionHistory.get("entries")).hasSize(16);
        assertThat(exceptionHistory.get("entries").get(0).get("timestamp").asLong()).isEqualTo(20);
        assertThat(exceptionHistory.get("entries").get(15).get("timestamp").asLong()).isEqualTo(5);
        assertThat(exceptionHistory.get("entries").get(0).get("taskName").isNull()).isTrue();
        assertThat(exceptionHistory.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void jobStatus() throws Exception {
        Reply reply = client.get(JOB_PATH + "/status");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"status\":\"RUNNING\"}");
    }

    @Test
    void jobCheckpointsAndTheirConfigurationAreTheTwoPartsOfTheJobMastersDocument() throws Exception {
        Reply checkpoints = client.get(JOB_PATH + "/checkpoints");
        Reply config = client.get(JOB_PATH + "/checkpoints/config");

        assertThat(checkpoints.status()).isEqualTo(200);
        assertThat(checkpoints.body().toString()).isEqualTo("{\"counts\":{\"completed\":3}}");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().toString()).isEqualTo("{\"mode\":\"exactly_once\"}");
    }

    @Test
    void aJobWithoutCheckpointsAnswers404ForItsCheckpoints() throws Exception {
        backend.checkpointJson = "";
        Reply checkpoints = client.get(JOB_PATH + "/checkpoints/config");

        assertThat(checkpoints.status()).isEqualTo(404);
        assertThat(checkpoints.body().toString()).contains("Checkpointing is not enabled for job " + JOB);
    }

    @Test
    void cancelJob() throws Exception {
        Reply reply = client.send("PATCH", JOB_PATH + "?mode=cancel", BodyPublishers.noBody(), null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().toString()).isEqualTo("{}");
        assertThat(backend.cancelled).containsExactly(FakeClusterBackend.KNOWN_JOB);
    }

    @Test
    void patchWithoutModeCancelsAsFlinksDoes() throws Exception {
        Reply reply = client.send("PATCH", "/v1" + JOB_PATH, BodyPublishers.noBody(), null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(backend.cancelled).containsExactly(FakeClusterBackend.KNOWN_JOB);
    }
}
