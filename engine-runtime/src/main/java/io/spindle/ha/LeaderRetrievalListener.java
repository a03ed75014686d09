package io.spindle.ha;

import java.util.UUID;

/** Told whenever the leader changes. */
public interface LeaderRetrievalListener {
    /** @param address {@code host:port} of the leader's RPC service, or null when there is none */
    void notifyLeaderAddress(String address, UUID leaderSessionId);

    void handleError(Exception error);
}
