package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spindle.rest.RestTestClient.Reply;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every monitoring and control route answers with the exact JSON shape of docs/rest-api.md. */
class RestClusterRoutesTest extends RestEndpointFixture {
    private static final String JOB = FakeClusterBackend.KNOWN_JOB.toHexString();

    @Test
    void baseUrlNamesTheBoundPort() {
        assertThat(endpoint.getServerAddress().getPort()).isPositive();
        assertThat(endpoint.getRestBaseUrl()).isEqualTo("http://127.0.0.1:" + endpoint.getServerAddress().getPort());
    }

    @Test
    void overview() throws Exception {
        Reply reply = client.get("/overview");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(fieldNames(reply.body())).containsExactly("taskmanagers", "slots-total", "slots-available",
                "jobs-running", "jobs-finished", "jobs-cancelled", "jobs-failed", "spindle-version");
        assertThat(reply.body().get("taskmanagers").asInt()).isEqualTo(2);
        assertThat(reply.body().get("slots-total").asInt()).isEqualTo(4);
        assertThat(reply.body().get("jobs-running").asInt()).isEqualTo(1);
        assertThat(reply.body().get("spindle-version").asText()).isNotBlank();
    }

    @Test
    void config() throws Exception {
        Reply reply = client.get("/config");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(fieldNames(reply.body())).containsExactly("spindle-version", "configuration");
        assertThat(reply.body().get("configuration").get("taskmanager.numberOfTaskSlots").asText()).isEqualTo("2");
        assertThat(reply.body().get("configuration").size()).isEqualTo(2);
    }

    @Test
    void jobs() throws Exception {
        Reply reply = client.get("/jobs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"jobs\":[{\"id\":\"" + JOB + "\",\"status\":\"RUNNING\"}]}");
    }

    @Test
    void everyRouteAnswersUnderFlinksApiVersionPrefixToo() throws Exception {
        assertThat(client.get("/v1/jobs").body().toString()).isEqualTo(client.get("/jobs").body().toString());
        assertThat(client.get("/v1/jobs/" + JOB + "/checkpoints").status()).isEqualTo(200);
        assertThat(client.get("/v1/overview").status()).isEqualTo(200);
        assertThat(client.get("/v2/overview").status()).isEqualTo(404);
    }

    @Test
    void jobsOverview() throws Exception {
        Reply reply = client.get("/jobs/overview");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"jobs\":[{\"jid\":\"" + JOB + "\",\"name\":\"word count\","
                + "\"state\":\"RUNNING\",\"start-time\":1,\"end-time\":-1,\"duration\":5,"
                + "\"tasks\":{\"total\":4,\"running\":4,\"finished\":0}}]}");
    }

    @Test
    void jobDetails() throws Exception {
        Reply reply = client.get("/jobs/" + JOB);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"jid\":\"" + JOB + "\",\"name\":\"word count\","
                + "\"state\":\"RUNNING\",\"start-time\":1,\"end-time\":-1,\"duration\":5,\"vertices\":[{\"id\":\"3\","
                + "\"name\":\"Source -> Map\",\"parallelism\":2,\"maxParallelism\":128,\"status\":\"RUNNING\","
                + "\"subtasks\":[{\"subtask\":0,\"attempt\":0,\"status\":\"RUNNING\",\"taskmanager-id\":\"tm-1\","
                + "\"host\":\"127.0.0.1\"}]}]}");
    }

    @Test
    void jobExceptionsWithoutRootException() throws Exception {
        Reply reply = client.get("/jobs/" + JOB + "/exceptions");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"root-exception\":null,\"timestamp\":7,"
                + "\"exceptionHistory\":[\"java.lang.IllegalStateException: boom\"]}");
    }

    @Test
    void jobCheckpointsAndTheirConfigurationAreTheTwoPartsOfTheJobMastersDocument() throws Exception {
        Reply checkpoints = client.get("/jobs/" + JOB + "/checkpoints");
        Reply config = client.get("/jobs/" + JOB + "/checkpoints/config");

        assertThat(checkpoints.status()).isEqualTo(200);
        assertThat(checkpoints.body().toString()).isEqualTo("{\"counts\":{\"completed\":3}}");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().toString()).isEqualTo("{\"mode\":\"exactly_once\"}");
    }

    @Test
    void aJobWithoutCheckpointsAnswers404ForItsCheckpoints() throws Exception {
        backend.checkpointJson = "";
        Reply checkpoints = client.get("/jobs/" + JOB + "/checkpoints/config");

        assertThat(checkpoints.status()).isEqualTo(404);
        assertThat(checkpoints.body().toString()).contains("Checkpointing is not enabled for job " + JOB);
    }

    @Test
    void cancelJob() throws Exception {
        Reply reply = client.send("PATCH", "/jobs/" + JOB + "?mode=cancel",
                java.net.http.HttpRequest.BodyPublishers.noBody(), null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().toString()).isEqualTo("{}");
        assertThat(backend.cancelled).containsExactly(FakeClusterBackend.KNOWN_JOB);
    }

    @Test
    void patchWithoutModeCancelsAsFlinksDoes() throws Exception {
        Reply reply = client.send("PATCH", "/v1/jobs/" + JOB, java.net.http.HttpRequest.BodyPublishers.noBody(), null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(backend.cancelled).containsExactly(FakeClusterBackend.KNOWN_JOB);
    }

    @Test
    void jobStatus() throws Exception {
        Reply reply = client.get("/jobs/" + JOB + "/status");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{\"status\":\"RUNNING\"}");
    }

    @Test
    void taskManagers() throws Exception {
        String taskManager = "{\"id\":\"tm-1\",\"path\":\"127.0.0.1:40000\",\"dataAddress\":\"127.0.0.1:40001\","
                + "\"slotsNumber\":2,\"freeSlots\":1,\"timeSinceLastHeartbeat\":120}";

        Reply list = client.get("/taskmanagers");
        Reply one = client.get("/taskmanagers/tm-1");
        Reply unknown = client.get("/taskmanagers/tm-9");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().toString()).isEqualTo("{\"taskmanagers\":[" + taskManager + "]}");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().toString()).isEqualTo(taskManager);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("errors").get(0).asText()).contains("tm-9");
    }

    @Test
    void deleteClusterAnswersThenShutsDown() throws Exception {
        Reply reply = client.send("DELETE", "/cluster", java.net.http.HttpRequest.BodyPublishers.noBody(), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("{}");
        assertThat(backend.shutDown.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static Iterable<String> fieldNames(JsonNode node) {
        return node::fieldNames;
    }
}
