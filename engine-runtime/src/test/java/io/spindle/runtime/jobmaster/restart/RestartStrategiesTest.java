package io.spindle.runtime.jobmaster.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RestartStrategiesTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private RestartStrategy strategy(String... keyValues) {
        Configuration configuration = new Configuration();
        for (int i = 0; i < keyValues.length; i += 2) {
            configuration.setString(keyValues[i], keyValues[i + 1]);
        }
        return RestartStrategies.fromConfiguration(configuration, now::get);
    }

    @Test
    void noneFailsAtTheFirstFailure() {
        RestartStrategy none = strategy();
        none.notifyFailure();
        assertThat(none.canRestart()).isFalse();
    }

    @Test
    void fixedDelayAllowsItsAttemptsWithTheSameDelay() {
        RestartStrategy fixed = strategy("restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "2", "restart-strategy.fixed-delay.delay", "250 ms");
        fixed.notifyFailure();
        assertThat(fixed.canRestart()).isTrue();
        assertThat(fixed.getBackoffMillis()).isEqualTo(250);
        fixed.notifyFailure();
        assertThat(fixed.canRestart()).isTrue();
        fixed.notifyFailure();
        assertThat(fixed.canRestart()).isFalse();
    }

    @Test
    void exponentialDelayGrowsToItsMaximumAndResetsAfterQuiet() {
        RestartStrategy exponential = strategy("restart-strategy.type", "exponential-delay",
                "restart-strategy.exponential-delay.initial-backoff", "100 ms",
                "restart-strategy.exponential-delay.max-backoff", "350 ms",
                "restart-strategy.exponential-delay.backoff-multiplier", "2",
                "restart-strategy.exponential-delay.jitter-factor", "0",
                "restart-strategy.exponential-delay.reset-backoff-threshold", "10 s");
        long[] backoffs = new long[4];
        for (int i = 0; i < backoffs.length; i++) {
            exponential.notifyFailure();
            backoffs[i] = exponential.getBackoffMillis();
            now.addAndGet(1_000);
        }
        assertThat(backoffs).containsExactly(100, 200, 350, 350);
        now.addAndGet(10_000);
        exponential.notifyFailure();
        assertThat(exponential.getBackoffMillis()).isEqualTo(100);
        assertThat(exponential.canRestart()).isTrue();
    }

    @Test
    void exponentialJitterStaysWithinItsShare() {
        RestartStrategy exponential = strategy("restart-strategy.type", "exponential-delay",
                "restart-strategy.exponential-delay.initial-backoff", "1 s",
                "restart-strategy.exponential-delay.jitter-factor", "0.1");
        exponential.notifyFailure();
        for (int i = 0; i < 100; i++) {
            assertThat(exponential.getBackoffMillis()).isBetween(900L, 1_100L);
        }
    }

    @Test
    void failureRateCountsOnlyFailuresWithinTheInterval() {
        RestartStrategy rate = strategy("restart-strategy.type", "failure-rate",
                "restart-strategy.failure-rate.max-failures-per-interval", "2",
                "restart-strategy.failure-rate.failure-rate-interval", "1 min",
                "restart-strategy.failure-rate.delay", "10 ms");
        rate.notifyFailure();
        now.addAndGet(10_000);
        rate.notifyFailure();
        assertThat(rate.canRestart()).isTrue();
        now.addAndGet(10_000);
        rate.notifyFailure();
        assertThat(rate.canRestart()).as("three failures within a minute").isFalse();
        now.addAndGet(55_000);
        rate.notifyFailure();
        assertThat(rate.canRestart()).as("the first two have left the interval").isTrue();
        assertThat(rate.getBackoffMillis()).isEqualTo(10);
    }

    @Test
    void invalidSettingsNameTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> strategy("restart-strategy.type", "sometimes"))
                .hasMessageContaining("restart-strategy.type")
                .hasMessageContaining("'sometimes'")
                .hasMessageContaining("none fixed-delay exponential-delay failure-rate");
        assertThatThrownBy(() -> strategy("restart-strategy.type", "fixed-delay", "restart-strategy.fixed-delay.attempts", "-1"))
                .hasMessageContaining("restart-strategy.fixed-delay.attempts")
                .hasMessageContaining("at least 0");
        assertThatThrownBy(() -> strategy("restart-strategy.type", "exponential-delay",
                "restart-strategy.exponential-delay.backoff-multiplier", "0.5"))
                .hasMessageContaining("backoff-multiplier");
    }
}
