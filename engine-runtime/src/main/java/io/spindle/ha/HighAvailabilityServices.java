package io.spindle.ha;

import java.util.UUID;

/** The HA seams of a cluster: leader election and retrieval for the JobManager. */
public interface HighAvailabilityServices extends AutoCloseable {
    /** The fencing token used without HA, where a single JobManager always leads (as in Flink). */
    UUID DEFAULT_LEADER_ID = new UUID(0L, 0L);

    LeaderElectionService getJobManagerLeaderElectionService();

    LeaderRetrievalService getJobManagerLeaderRetriever();

    @Override
    void close() throws Exception;
}
