package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.rest.RestTestClient.Reply;
import org.junit.jupiter.api.Test;

/** Savepoints, manual checkpoints and disposal follow Flink's trigger-then-poll routes and shapes. */
class SavepointRoutesTest extends RestEndpointFixture {
    private static final String JOB = FakeClusterBackend.KNOWN_JOB.toHexString();

    @Test
    void aSavepointIsTriggeredThenPolledUntilItHasALocation() throws Exception {
        Reply trigger = client.json("POST", "/v1/jobs/" + JOB + "/savepoints",
                "{\"target-directory\":\"hdfs:///sp\",\"cancel-job\":false,\"formatType\":\"CANONICAL\"}");
        assertThat(trigger.status()).isEqualTo(202);
        String triggerId = trigger.body().get("request-id").asText();
        assertThat(triggerId).matches("[0-9a-f]{32}");
        assertThat(backend.savepointTargets).containsExactly("hdfs:///sp");

        Reply running = client.get("/jobs/" + JOB + "/savepoints/" + triggerId);
        assertThat(running.body().toString()).isEqualTo("{\"status\":{\"id\":\"IN_PROGRESS\"}}");

        backend.savepoint.complete("hdfs:///sp/savepoint-012345-abcdef012345");
        Reply done = client.get("/jobs/" + JOB + "/savepoints/" + triggerId);
        assertThat(done.body().toString()).isEqualTo("{\"status\":{\"id\":\"COMPLETED\"},\"operation\":"
                + "{\"location\":\"hdfs:///sp/savepoint-012345-abcdef012345\"}}");
        assertThat(backend.cancelled).isEmpty();
    }

    @Test
    void cancelJobCancelsOnceTheSavepointIsTaken() throws Exception {
        Reply trigger = client.json("POST", "/jobs/" + JOB + "/savepoints", "{\"cancel-job\":true}");
        assertThat(backend.savepointTargets).containsExactly("null");
        assertThat(backend.cancelled).isEmpty();

        backend.savepoint.complete("file:/sp/savepoint-1");
        String status = "/jobs/" + JOB + "/savepoints/" + trigger.body().get("request-id").asText();
        assertThat(client.get(status).body().get("operation").get("location").asText()).isEqualTo("file:/sp/savepoint-1");
        assertThat(backend.cancelled).containsExactly(FakeClusterBackend.KNOWN_JOB);
    }

    @Test
    void aFailedOperationAnswersCompletedWithItsFailureCause() throws Exception {
        Reply trigger = client.json("POST", "/jobs/" + JOB + "/checkpoints", "");
        assertThat(trigger.status()).isEqualTo(202);

        Reply done = client.get("/jobs/" + JOB + "/checkpoints/" + trigger.body().get("request-id").asText());
        assertThat(done.body().get("status").get("id").asText()).isEqualTo("COMPLETED");
        assertThat(done.body().get("operation").get("failure-cause").get("class").asText())
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(done.body().get("operation").get("failure-cause").get("stack-trace").asText())
                .contains("checkpointing is not enabled for the job");
        assertThat(client.get("/jobs/" + JOB + "/checkpoints/config").status()).as("still the configuration route")
                .isEqualTo(200);
    }

    @Test
    void disposalNamesTheSavepoint() throws Exception {
        Reply trigger = client.json("POST", "/savepoint-disposal", "{\"savepoint-path\":\"hdfs:///sp/savepoint-1\"}");
        assertThat(trigger.status()).isEqualTo(202);
        Reply done = client.get("/savepoint-disposal/" + trigger.body().get("request-id").asText());
        assertThat(done.body().toString()).isEqualTo("{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{}}");
        assertThat(backend.disposed).containsExactly("hdfs:///sp/savepoint-1");

        assertThat(client.json("POST", "/savepoint-disposal", "{}").status()).isEqualTo(400);
    }

    @Test
    void badInputIsRefusedWithAMessage() throws Exception {
        Reply notJson = client.json("POST", "/jobs/" + JOB + "/savepoints", "{target");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("errors").get(0).asText()).contains("not valid JSON");
        assertThat(client.json("POST", "/jobs/" + JOB + "/savepoints", "{\"formatType\":\"OTHER\"}").status()).isEqualTo(400);
        assertThat(client.json("POST", "/jobs/" + JOB + "/savepoints", "{\"cancel-job\":\"yes\"}").status()).isEqualTo(400);
        Reply unknownTrigger = client.get("/jobs/" + JOB + "/savepoints/00000000000000000000000000000000");
        assertThat(unknownTrigger.status()).isEqualTo(404);
        assertThat(unknownTrigger.body().get("errors").get(0).asText()).contains("No operation with trigger id");
    }
}
