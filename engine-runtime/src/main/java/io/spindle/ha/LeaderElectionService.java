package io.spindle.ha;

import java.util.UUID;

/** Elects one leader among contenders and publishes its address for {@link LeaderRetrievalService}. */
public interface LeaderElectionService extends AutoCloseable {
    void start(LeaderContender contender) throws Exception;

    /**
     * Publishes the leader's addresses once it is ready to serve under its session id; ignored
     * when that session is no longer this contender's (leadership moved on meanwhile).
     */
    void confirmLeadership(LeaderInformation leader);

    boolean hasLeadership(UUID leaderSessionId);

    @Override
    void close() throws Exception;
}
