package io.spindle.runtime.dispatcher.cleanup;

import io.spindle.configuration.Configuration;
import java.time.Duration;
import java.util.Optional;

/**
 * When a failed cleanup step is tried again: after the n-th failed attempt, a pause, or no more
 * attempts. Pure: the caller counts the attempts and keeps the time.
 */
@FunctionalInterface
public interface CleanupRetryStrategy {

    /** The pause before the next attempt after {@code failedAttempts} (≥ 1) failed ones; empty: give up. */
    Optional<Duration> delayAfter(int failedAttempts);

    /** One attempt only. */
    static CleanupRetryStrategy none() {
        return failedAttempts -> Optional.empty();
    }

    /** {@code retries} more attempts, {@code delay} apart. */
    static CleanupRetryStrategy fixedDelay(int retries, Duration delay) {
        requireNotNegative(retries, CleanupOptions.FIXED_DELAY_ATTEMPTS.key());
        return failedAttempts -> failedAttempts <= retries ? Optional.of(delay) : Optional.empty();
    }

    /** {@code retries} more attempts, the first after {@code initial}, each pause twice the last, at most {@code max}. */
    static CleanupRetryStrategy exponentialDelay(Duration initial, Duration max, int retries) {
        requireNotNegative(retries, CleanupOptions.EXPONENTIAL_ATTEMPTS.key());
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(CleanupOptions.EXPONENTIAL_INITIAL_BACKOFF.key() + " (" + initial
                    + ") must be positive and at most " + CleanupOptions.EXPONENTIAL_MAX_BACKOFF.key() + " (" + max + ")");
        }
        return failedAttempts -> {
            if (failedAttempts > retries) {
                return Optional.empty();
            }
            // Doubling past 2^62 ns overflows; by then the pause is long at max anyway.
            int doublings = Math.min(failedAttempts - 1, 62);
            long nanos = initial.toNanos() > (max.toNanos() >> doublings) ? max.toNanos() : initial.toNanos() << doublings;
            return Optional.of(Duration.ofNanos(nanos));
        };
    }

    /** The strategy {@link CleanupOptions#TYPE} names, with its options. */
    static CleanupRetryStrategy fromConfiguration(Configuration configuration) {
        return switch (configuration.get(CleanupOptions.TYPE)) {
            case NONE -> none();
            case FIXED_DELAY -> fixedDelay(configuration.get(CleanupOptions.FIXED_DELAY_ATTEMPTS),
                    configuration.get(CleanupOptions.FIXED_DELAY_DELAY));
            case EXPONENTIAL_DELAY -> exponentialDelay(configuration.get(CleanupOptions.EXPONENTIAL_INITIAL_BACKOFF),
                    configuration.get(CleanupOptions.EXPONENTIAL_MAX_BACKOFF),
                    configuration.get(CleanupOptions.EXPONENTIAL_ATTEMPTS));
        };
    }

    private static void requireNotNegative(int retries, String key) {
        if (retries < 0) {
            throw new IllegalArgumentException(key + " must be 0 or more, not " + retries);
        }
    }
}
