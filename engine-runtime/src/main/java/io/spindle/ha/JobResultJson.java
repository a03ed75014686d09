package io.spindle.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.SerializedFailure;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON of one job-result store entry, versioned as Flink's ({@code {"version":1,"result":{...}}}),
 * readable by people and tools: the job's id, name, final status, times, accumulators and failure,
 * and, for its cleanup, the checkpoint directory to delete.
 */
final class JobResultJson {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobResultJson() {}

    static byte[] write(JobResultMessage result) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ObjectNode node = root.putObject("result");
        node.put("job-id", result.getJobId());
        node.put("name", result.getName());
        node.put("status", result.getStatus());
        node.put("start-time", result.getStartTime());
        node.put("end-time", result.getEndTime());
        if (!result.getCheckpointsToDelete().isEmpty()) {
            node.put("checkpoints-to-delete", result.getCheckpointsToDelete());
        }
        ObjectNode accumulators = node.putObject("accumulator-results");
        result.getAccumulatorsMap().forEach(accumulators::put);
        if (result.hasFailure()) {
            SerializedFailure failure = result.getFailure();
            ObjectNode failureNode = node.putObject("failure");
            failureNode.put("class", failure.getClassName());
            failureNode.put("message", failure.getMessage());
            failureNode.put("stack-trace", failure.getStackTrace());
            if (!failure.getJavaSerialized().isEmpty()) {
                failureNode.put("java-serialized", Base64.getEncoder().encodeToString(failure.getJavaSerialized().toByteArray()));
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** @param source named in the error of an unreadable entry */
    static JobResultMessage read(byte[] bytes, Object source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("The job-result store entry " + source + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || root.path("version").asInt() != VERSION || !root.path("result").isObject()) {
            throw new IOException("The job-result store entry " + source + " is not of version " + VERSION);
        }
        JsonNode node = root.path("result");
        JobResultMessage.Builder result = JobResultMessage.newBuilder()
                .setJobId(node.path("job-id").asText())
                .setName(node.path("name").asText())
                .setStatus(node.path("status").asText())
                .setStartTime(node.path("start-time").asLong())
                .setEndTime(node.path("end-time").asLong())
                .setCheckpointsToDelete(node.path("checkpoints-to-delete").asText(""));
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.path("accumulator-results").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            result.putAccumulators(field.getKey(), field.getValue().asLong());
        }
        JsonNode failure = node.path("failure");
        if (failure.isObject()) {
            SerializedFailure.Builder serialized = SerializedFailure.newBuilder()
                    .setClassName(failure.path("class").asText())
                    .setMessage(failure.path("message").asText())
                    .setStackTrace(failure.path("stack-trace").asText());
            if (failure.hasNonNull("java-serialized")) {
                serialized.setJavaSerialized(ByteString.copyFrom(Base64.getDecoder().decode(failure.path("java-serialized").asText())));
            }
            result.setFailure(serialized);
        }
        return result.build();
    }
}
