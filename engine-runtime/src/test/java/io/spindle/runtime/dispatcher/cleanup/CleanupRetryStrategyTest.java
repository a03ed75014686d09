package io.spindle.runtime.dispatcher.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CleanupRetryStrategyTest {

    @Test
    void exponentialDelayDoublesUpToItsMaximumAndRetriesWithoutEndByDefault() {
        CleanupRetryStrategy strategy = CleanupRetryStrategy.fromConfiguration(new Configuration());

        assertThat(strategy.delayAfter(1)).contains(Duration.ofSeconds(1));
        assertThat(strategy.delayAfter(2)).contains(Duration.ofSeconds(2));
        assertThat(strategy.delayAfter(5)).contains(Duration.ofSeconds(16));
        assertThat(strategy.delayAfter(12)).contains(Duration.ofSeconds(2048));
        assertThat(strategy.delayAfter(13)).contains(Duration.ofHours(1));
        assertThat(strategy.delayAfter(100_000)).contains(Duration.ofHours(1));
    }

    @Test
    void exponentialDelayGivesUpAfterItsAttempts() {
        Configuration configuration = new Configuration();
        configuration.setString("cleanup-strategy.exponential-delay.attempts", "2");
        configuration.setString("cleanup-strategy.exponential-delay.initial-backoff", "100 ms");
        configuration.setString("cleanup-strategy.exponential-delay.max-backoff", "150 ms");
        CleanupRetryStrategy strategy = CleanupRetryStrategy.fromConfiguration(configuration);

        assertThat(strategy.delayAfter(1)).contains(Duration.ofMillis(100));
        assertThat(strategy.delayAfter(2)).contains(Duration.ofMillis(150));
        assertThat(strategy.delayAfter(3)).isEmpty();
    }

    @Test
    void fixedDelayRetriesItsAttemptsApartThenGivesUp() {
        Configuration configuration = new Configuration();
        configuration.setString("cleanup-strategy", "fixed-delay");
        configuration.setString("cleanup-strategy.fixed-delay.attempts", "3");
        configuration.setString("cleanup-strategy.fixed-delay.delay", "5 s");
        CleanupRetryStrategy strategy = CleanupRetryStrategy.fromConfiguration(configuration);

        assertThat(strategy.delayAfter(1)).contains(Duration.ofSeconds(5));
        assertThat(strategy.delayAfter(3)).contains(Duration.ofSeconds(5));
        assertThat(strategy.delayAfter(4)).isEmpty();
    }

    @Test
    void noneTriesOnce() {
        Configuration configuration = new Configuration();
        configuration.setString("cleanup-strategy", "none");

        assertThat(CleanupRetryStrategy.fromConfiguration(configuration).delayAfter(1)).isEmpty();
    }

    @Test
    void badSettingsAreRefusedWithTheKey() {
        Configuration unknown = new Configuration();
        unknown.setString("cleanup-strategy", "sometimes");
        assertThatThrownBy(() -> CleanupRetryStrategy.fromConfiguration(unknown)).hasMessageContaining("cleanup-strategy");

        Configuration negative = new Configuration();
        negative.setString("cleanup-strategy", "fixed-delay");
        negative.setString("cleanup-strategy.fixed-delay.attempts", "-1");
        assertThatThrownBy(() -> CleanupRetryStrategy.fromConfiguration(negative))
                .hasMessageContaining("cleanup-strategy.fixed-delay.attempts");

        Configuration inverted = new Configuration();
        inverted.setString("cleanup-strategy.exponential-delay.initial-backoff", "1 min");
        inverted.setString("cleanup-strategy.exponential-delay.max-backoff", "1 s");
        assertThatThrownBy(() -> CleanupRetryStrategy.fromConfiguration(inverted))
                .hasMessageContaining("cleanup-strategy.exponential-delay.max-backoff");
    }
}
