package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spindle.rest.RestTestClient.Reply;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cluster-wide routes answer with the exact JSON shapes of docs/rest-api.md, which are Flink 1.20's. */
class RestClusterRoutesTest extends RestEndpointFixture {
    private static final String JOB = FakeClusterBackend.KNOWN_JOB.toHexString();

    @Test
    void baseUrlNamesTheBoundPort() {
        assertThat(endpoint.getServerAddress().getPort()).isPositive();
        assertThat(endpoint.getRestBaseUrl()).isEqualTo("http://127.0.0.1:" + endpoint.getServerAddress().getPort());
    }

    @Test
    void overviewHasFlinksFieldsWithSpindlesVersion() throws Exception {
        Reply reply = client.get("/overview");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(fieldNames(reply.body())).containsExactly("taskmanagers", "slots-total", "slots-available",
                "jobs-running", "jobs-finished", "jobs-cancelled", "jobs-failed", "slots-free-and-blocked",
                "taskmanagers-blocked", "flink-version", "flink-commit", "spindle-version");
        assertThat(reply.body().get("taskmanagers").asInt()).isEqualTo(2);
        assertThat(reply.body().get("slots-total").asInt()).isEqualTo(4);
        assertThat(reply.body().get("jobs-running").asInt()).isEqualTo(1);
        assertThat(reply.body().get("slots-free-and-blocked").asInt()).isZero();
        assertThat(reply.body().get("taskmanagers-blocked").asInt()).isZero();
        String version = reply.body().get("spindle-version").asText();
        assertThat(version).isNotBlank();
        assertThat(reply.body().get("flink-version").asText()).isEqualTo(version);
        assertThat(reply.body().get("flink-commit").asText()).isEqualTo(version);
    }

    @Test
    void configIsFlinksDashboardConfiguration() throws Exception {
        Reply reply = client.get("/config");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(fieldNames(reply.body())).containsExactly("refresh-interval", "timezone-name", "timezone-offset",
                "flink-version", "flink-revision", "features");
        assertThat(reply.body().get("refresh-interval").asLong()).isEqualTo(3000);
        assertThat(reply.body().get("timezone-offset").isInt()).isTrue();
        assertThat(reply.body().get("timezone-name").asText()).isNotBlank();
        assertThat(reply.body().get("features").toString())
                .isEqualTo("{\"web-submit\":true,\"web-cancel\":true,\"web-rescale\":false,\"web-history\":false}");
    }

    @Test
    void jobManagerConfigIsFlinksKeyValueArraySortedWithSecretsMasked() throws Exception {
        backend.configuration = Map.of("taskmanager.numberOfTaskSlots", "2", "rest.port", "0",
                "s3.secret-key", "hunter2", "ssl.keystore-password", "pw", "fs.azure.account.key.acct", "k",
                "metrics.reporter.x.apikey", "a", "security.delegation.token.provider", "t");

        Reply reply = client.get("/v1/jobmanager/config");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("[{\"key\":\"fs.azure.account.key.acct\",\"value\":\"******\"},"
                + "{\"key\":\"metrics.reporter.x.apikey\",\"value\":\"******\"},"
                + "{\"key\":\"rest.port\",\"value\":\"0\"},"
                + "{\"key\":\"s3.secret-key\",\"value\":\"******\"},"
                + "{\"key\":\"security.delegation.token.provider\",\"value\":\"******\"},"
                + "{\"key\":\"ssl.keystore-password\",\"value\":\"******\"},"
                + "{\"key\":\"taskmanager.numberOfTaskSlots\",\"value\":\"2\"}]");
    }

    @Test
    void everyRouteAnswersUnderFlinksApiVersionPrefixToo() throws Exception {
        assertThat(client.get("/v1/jobs").body().toString()).isEqualTo(client.get("/jobs").body().toString());
        assertThat(client.get("/v1/jobs/" + JOB + "/checkpoints").status()).isEqualTo(200);
        assertThat(client.get("/v1/overview").status()).isEqualTo(200);
        assertThat(client.get("/v2/overview").status()).isEqualTo(404);
    }

    @Test
    void taskManagersHaveFlinksFields() throws Exception {
        Reply list = client.get("/taskmanagers");
        Reply one = client.get("/taskmanagers/tm-1");
        Reply unknown = client.get("/taskmanagers/tm-9");

        assertThat(list.status()).isEqualTo(200);
        JsonNode taskManager = list.body().get("taskmanagers").get(0);
        assertThat(fieldNames(taskManager)).containsExactly("id", "path", "dataPort", "jmxPort",
                "timeSinceLastHeartbeat", "slotsNumber", "freeSlots", "totalResource", "freeResource", "hardware",
                "memoryConfiguration", "blocked");
        assertThat(taskManager.get("id").asText()).isEqualTo("tm-1");
        assertThat(taskManager.get("path").asText()).isEqualTo("127.0.0.1:40000");
        assertThat(taskManager.get("dataPort").asInt()).isEqualTo(40001);
        assertThat(taskManager.get("slotsNumber").asInt()).isEqualTo(2);
        assertThat(taskManager.get("freeSlots").asInt()).isEqualTo(1);
        assertThat(taskManager.get("timeSinceLastHeartbeat").asLong()).isEqualTo(120);
        assertThat(taskManager.get("blocked").asBoolean()).isFalse();
        assertThat(fieldNames(taskManager.get("totalResource"))).containsExactly("cpuCores", "taskHeapMemory",
                "taskOffHeapMemory", "managedMemory", "networkMemory", "extendedResources");
        assertThat(fieldNames(taskManager.get("hardware"))).containsExactly("cpuCores", "physicalMemory", "freeMemory",
                "managedMemory");
        assertThat(fieldNames(taskManager.get("memoryConfiguration"))).containsExactly("frameworkHeap", "taskHeap",
                "frameworkOffHeap", "taskOffHeap", "networkMemory", "managedMemory", "jvmMetaspace", "jvmOverhead",
                "totalFlinkMemory", "totalProcessMemory");
        assertThat(taskManager.get("hardware").toString()).isEqualTo("{\"cpuCores\":4,\"physicalMemory\":" + (8L << 30)
                + ",\"freeMemory\":" + (300L << 20) + ",\"managedMemory\":0}");
        assertThat(taskManager.get("totalResource").toString()).isEqualTo("{\"cpuCores\":2.0,\"taskHeapMemory\":512,"
                + "\"taskOffHeapMemory\":0,\"managedMemory\":0,\"networkMemory\":64,\"extendedResources\":{}}");
        assertThat(taskManager.get("freeResource").toString()).as("one of two slots free: half of it")
                .isEqualTo("{\"cpuCores\":1.0,\"taskHeapMemory\":256,\"taskOffHeapMemory\":0,\"managedMemory\":0,"
                        + "\"networkMemory\":32,\"extendedResources\":{}}");
        JsonNode memory = taskManager.get("memoryConfiguration");
        assertThat(memory.get("taskHeap").asLong()).isEqualTo(512L << 20);
        assertThat(memory.get("networkMemory").asLong()).isEqualTo(64L << 20);
        assertThat(memory.get("jvmMetaspace").asLong()).isEqualTo(256L << 20);
        assertThat(memory.get("totalFlinkMemory").asLong()).isEqualTo(576L << 20);
        assertThat(memory.get("jvmOverhead").asLong()).isEqualTo(192L << 20);
        assertThat(memory.get("totalProcessMemory").asLong()).isEqualTo(1024L << 20);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).isEqualTo(taskManager);
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

    static Iterable<String> fieldNames(JsonNode node) {
        return node::fieldNames;
    }
}
