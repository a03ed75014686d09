package io.spindle.runtime.jobmaster;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.jobmaster.restart.RestartStrategyOptions;
import java.time.Duration;

/**
 * What a JobMaster takes from its cluster: how long to wait for slots, how to watch its
 * TaskManagers, and the cluster's configuration, whose restart strategy applies to jobs that
 * do not choose their own.
 */
public record JobMasterConfiguration(Duration slotRequestTimeout, Duration heartbeatInterval, Duration heartbeatTimeout,
        Configuration clusterConfiguration) {

    private static final String RESTART_STRATEGY_PREFIX = "restart-strategy.";

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
        return effective;
    }

    private static void copyRestartStrategy(Configuration from, Configuration to) {
        from.toMap().forEach((key, value) -> {
            if (key.startsWith(RESTART_STRATEGY_PREFIX)) {
                to.setString(key, value);
            }
        });
    }
}
