package io.spindle.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointCoordinatorConfigurationTest {

    @Test
    void defaultsHaveNoPeriodicCheckpoints() {
        CheckpointCoordinatorConfiguration config = CheckpointCoordinatorConfiguration.fromConfiguration(
                new Configuration());

        assertThat(config).isEqualTo(new CheckpointCoordinatorConfiguration(null, Duration.ofMinutes(10),
                Duration.ZERO, 1, 0, 1, CheckpointingOptions.ExternalizedRetention.DELETE_ON_CANCELLATION));
        assertThat(config.isPeriodic()).isFalse();
    }

    @Test
    void readsEveryOptionIncludingDeprecatedKeys() {
        Configuration configuration = new Configuration()
                .setString("execution.checkpointing.interval", "30 s")
                .setString("execution.checkpointing.timeout", "2 min")
                .setString("execution.checkpointing.min-pause", "500 ms")
                .setString("execution.checkpointing.max-concurrent-checkpoints", "2")
                .setString("execution.checkpointing.tolerable-failed-checkpoints", "3")
                .setString("state.checkpoints.num-retained", "4")
                .setString("execution.checkpointing.externalized-checkpoint-retention", "retain-on-cancellation");

        CheckpointCoordinatorConfiguration config = CheckpointCoordinatorConfiguration.fromConfiguration(
                configuration);

        assertThat(config).isEqualTo(new CheckpointCoordinatorConfiguration(Duration.ofSeconds(30),
                Duration.ofMinutes(2), Duration.ofMillis(500), 2, 3, 4,
                CheckpointingOptions.ExternalizedRetention.RETAIN_ON_CANCELLATION));
        assertThat(config.isPeriodic()).isTrue();
    }

    @Test
    void zeroTimeoutIsRejectedWithItsKey() {
        Configuration configuration = new Configuration().setString("execution.checkpointing.timeout", "0 s");

        assertThatThrownBy(() -> CheckpointCoordinatorConfiguration.fromConfiguration(configuration))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("Invalid value '0 ms' for configuration key 'execution.checkpointing.timeout':"
                        + " expected a positive duration");
    }
}
