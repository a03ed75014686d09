package io.spindle.ha.zookeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spindle.ha.LeaderInformation;
import java.io.IOException;
import java.util.UUID;

/** The content of the connection info node: a small JSON object, readable with zkCli. */
final class LeaderInformationCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LeaderInformationCodec() {}

    static byte[] encode(LeaderInformation leader) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("sessionId", leader.sessionId().toString());
        node.put("rpcAddress", leader.rpcAddress());
        node.put("restAddress", leader.restAddress());
        return JSON.writeValueAsBytes(node);
    }

    /** Null for an empty node. */
    static LeaderInformation decode(byte[] data) throws IOException {
        if (data == null || data.length == 0) {
            return null;
        }
        JsonNode node = JSON.readTree(data);
        JsonNode rest = node.get("restAddress");
        return new LeaderInformation(UUID.fromString(node.get("sessionId").asText()), node.get("rpcAddress").asText(),
                rest == null || rest.isNull() ? null : rest.asText());
    }
}
