package io.spindle.ha;

/** Told whenever the leader changes. */
public interface LeaderRetrievalListener {
    /** @param leader the new leader, or null while there is none */
    void notifyLeader(LeaderInformation leader);

    void handleError(Exception error);
}
