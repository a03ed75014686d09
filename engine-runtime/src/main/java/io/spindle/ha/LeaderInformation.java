package io.spindle.ha;

import java.util.Objects;
import java.util.UUID;

/**
 * Who leads: the session id that fences the leader's messages, its RPC address ({@code host:port},
 * for TaskManagers) and its REST base URL (for the CLI and REST clients; null when unknown).
 */
public record LeaderInformation(UUID sessionId, String rpcAddress, String restAddress) {
    public LeaderInformation {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(rpcAddress, "rpcAddress");
    }
}
