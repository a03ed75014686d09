package io.spindle.ha;

import java.util.UUID;

/** Elects one leader among contenders and publishes its address for {@link LeaderRetrievalService}. */
public interface LeaderElectionService extends AutoCloseable {
    void start(LeaderContender contender) throws Exception;

    /** Publishes the leader's address once it is ready to serve under {@code leaderSessionId}. */
    void confirmLeadership(UUID leaderSessionId, String leaderAddress);

    boolean hasLeadership(UUID leaderSessionId);

    @Override
    void close() throws Exception;
}
