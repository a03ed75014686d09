package io.spindle.ha;

import io.spindle.runtime.checkpoint.CheckpointIdCounter;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.checkpoint.StandaloneCheckpointIdCounter;
import io.spindle.runtime.checkpoint.StandaloneCompletedCheckpointStore;
import java.util.UUID;

/**
 * No HA ({@code high-availability.type: none}): the one JobManager leads at once under
 * {@link #DEFAULT_LEADER_ID}, and everybody finds it at its configured address. Job graphs last as
 * long as the process; checkpoints as long as the job's JobMaster.
 */
public final class StandaloneHaServices implements HighAvailabilityServices {
    private final String jobManagerAddress;
    private final JobGraphStore jobGraphStore = new InMemoryJobGraphStore();
    private final JobResultStore jobResultStore = new InMemoryJobResultStore();

    /** @param jobManagerAddress {@code host:port} of the JobManager's RPC service */
    public StandaloneHaServices(String jobManagerAddress) {
        this.jobManagerAddress = jobManagerAddress;
    }

    @Override
    public LeaderElectionService getJobManagerLeaderElectionService() {
        return new LeaderElectionService() {
            private volatile boolean started;

            @Override
            public void start(LeaderContender contender) {
                started = true;
                contender.grantLeadership(DEFAULT_LEADER_ID);
            }

            @Override
            public void confirmLeadership(LeaderInformation leader) {}

            @Override
            public boolean hasLeadership(UUID leaderSessionId) {
                return started && DEFAULT_LEADER_ID.equals(leaderSessionId);
            }

            @Override
            public void close() {
                started = false;
            }
        };
    }

    @Override
    public LeaderRetrievalService getJobManagerLeaderRetriever() {
        return new LeaderRetrievalService() {
            @Override
            public void start(LeaderRetrievalListener listener) {
                listener.notifyLeader(new LeaderInformation(DEFAULT_LEADER_ID, jobManagerAddress, null));
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public JobGraphStore getJobGraphStore() {
        return jobGraphStore;
    }

    @Override
    public JobResultStore getJobResultStore() {
        return jobResultStore;
    }

    @Override
    public CompletedCheckpointStore createCompletedCheckpointStore(String jobId, int maxRetained) {
        return new StandaloneCompletedCheckpointStore(maxRetained);
    }

    @Override
    public CheckpointIdCounter createCheckpointIdCounter(String jobId) {
        return new StandaloneCheckpointIdCounter();
    }

    @Override
    public BlobStore getBlobStore() {
        return BlobStore.NONE;
    }

    /** Nothing outlives a job's JobMaster here. */
    @Override
    public void cleanupJobData(String jobId) {}

    @Override
    public void close() {}
}
