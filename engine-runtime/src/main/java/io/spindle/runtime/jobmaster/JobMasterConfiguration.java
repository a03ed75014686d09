package io.spindle.runtime.jobmaster;

import io.spindle.configuration.Configuration;
import java.time.Duration;

/**
 * What a JobMaster takes from its cluster: how long to wait for slots, how to watch its
 * TaskManagers, and the cluster's configuration, whose restart strategy applies to jobs that
 * do not choose their own.
 */
public record JobMasterConfiguration(Duration slotRequestTimeout, Duration heartbeatInterval, Duration heartbeatTimeout,
        Configuration clusterConfiguration) {

    private static final String RESTART_STRATEGY_PREFIX = "restart-strategy.";

    /** The job's restart-strategy settings over the cluster's: what the job's restart strategy is built from. */
    public Configuration restartStrategyConfiguration(Configuration jobConfiguration) {
        Configuration effective = new Configuration();
        boolean jobChoosesItsOwn = jobConfiguration.toMap().keySet().stream().anyMatch(key -> key.startsWith(RESTART_STRATEGY_PREFIX));
        (jobChoosesItsOwn ? jobConfiguration : clusterConfiguration).toMap().forEach((key, value) -> {
            if (key.startsWith(RESTART_STRATEGY_PREFIX)) {
                effective.setString(key, value);
            }
        });
        return effective;
    }
}
