package io.spindle.ha;

import java.util.UUID;

/**
 * No HA ({@code high-availability.type: none}): the one JobManager leads at once under
 * {@link #DEFAULT_LEADER_ID}, and everybody finds it at its configured address.
 */
public final class StandaloneHaServices implements HighAvailabilityServices {
    private final String jobManagerAddress;

    /** @param jobManagerAddress {@code host:port} of the JobManager's RPC service */
    public StandaloneHaServices(String jobManagerAddress) {
        this.jobManagerAddress = jobManagerAddress;
    }

    @Override
    public LeaderElectionService getJobManagerLeaderElectionService() {
        return new LeaderElectionService() {
            private volatile UUID confirmed;

            @Override
            public void start(LeaderContender contender) {
                contender.grantLeadership(DEFAULT_LEADER_ID);
            }

            @Override
            public void confirmLeadership(UUID leaderSessionId, String leaderAddress) {
                confirmed = leaderSessionId;
            }

            @Override
            public boolean hasLeadership(UUID leaderSessionId) {
                return DEFAULT_LEADER_ID.equals(leaderSessionId) && DEFAULT_LEADER_ID.equals(confirmed);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public LeaderRetrievalService getJobManagerLeaderRetriever() {
        return new LeaderRetrievalService() {
            @Override
            public void start(LeaderRetrievalListener listener) {
                listener.notifyLeaderAddress(jobManagerAddress, DEFAULT_LEADER_ID);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void close() {}
}
