package io.spindle.runtime.jobmaster;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.jobmaster.restart.RestartStrategyOptions;
import java.time.Duration;

/**
 * What a JobMaster takes from its cluster: how long to wait for slots, how to watch its
 * TaskManagers, and the cluster's configuration, whose restart strategy and checkpointing
 * settings apply to jobs that do not choose their own.
 */
public record JobMasterConfiguration(Duration slotRequestTimeout, Duration heartbeatInterval, Duration heartbeatTimeout,
        Configuration clusterConfiguration) {

    private static final String RESTART_STRATEGY_PREFIX = "restart-strategy.";
    private static final String CHECKPOINTING_PREFIX = "execution.checkpointing.";
    private static final String STATE_PREFIX = "state.";

    /**
     * What the job's restart strategy is built from: the job's own when it names a
     * {@code restart-strategy.type}; otherwise the cluster's, with any restart-strategy setting
     * of the job's over it.
     */
    public Configuration restartStrategyConfiguration(Configuration jobConfiguration) {
        Configuration effective = new Configuration();
        if (!jobConfiguration.contains(RestartStrategyOptions.TYPE)) {
            copyRestartStrategy(clusterConfiguration, effective);
        }
        copyRestartStrategy(jobConfiguration, effective);
        if (!effective.contains(RestartStrategyOptions.TYPE) && jobConfiguration.contains(CheckpointingOptions.INTERVAL)) {
            // As Flink 1.19+: a checkpointed job recovers unless told otherwise.
            effective.set(RestartStrategyOptions.TYPE, RestartStrategyOptions.Type.EXPONENTIAL_DELAY);
        }
        return effective;
    }

    /**
     * Gives the job the cluster's checkpointing and state settings that it does not set itself,
     * in place: its tasks read them from the job's configuration, as the coordinator does.
     */
    public Configuration withClusterCheckpointing(Configuration jobConfiguration) {
        clusterConfiguration.toMap().forEach((key, value) -> {
            if ((key.startsWith(CHECKPOINTING_PREFIX) || key.startsWith(STATE_PREFIX))
                    && jobConfiguration.getString(key) == null) {
                jobConfiguration.setString(key, value);
            }
        });
        return jobConfiguration;
    }

    private static void copyRestartStrategy(Configuration from, Configuration to) {
        from.toMap().forEach((key, value) -> {
            if (key.startsWith(RESTART_STRATEGY_PREFIX)) {
                to.setString(key, value);
            }
        });
    }
}
