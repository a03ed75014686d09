package io.spindle.runtime.jobmaster.restart;

import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Restarts with a backoff that grows by a multiplier up to a maximum, with jitter so that many
 * jobs do not restart in lockstep; after a quiet period without failures it starts small again.
 * Gives up after {@code maxAttempts} restarts since the last reset.
 */
final class ExponentialDelayRestartStrategy implements RestartStrategy {
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final double multiplier;
    private final long resetThresholdMillis;
    private final double jitterFactor;
    private final int maxAttempts;
    private final LongSupplier clock;
    private final RandomGenerator random;

    private long currentBackoffMillis;
    private long lastFailureMillis = Long.MIN_VALUE;
    private int attemptsSinceReset;

    ExponentialDelayRestartStrategy(long initialBackoffMillis, long maxBackoffMillis, double multiplier,
            long resetThresholdMillis, double jitterFactor, int maxAttempts, LongSupplier clock, RandomGenerator random) {
        this.initialBackoffMillis = initialBackoffMillis;
        this.maxBackoffMillis = maxBackoffMillis;
        this.multiplier = multiplier;
        this.resetThresholdMillis = resetThresholdMillis;
        this.jitterFactor = jitterFactor;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void notifyFailure() {
        long now = clock.getAsLong();
        if (lastFailureMillis == Long.MIN_VALUE || now - lastFailureMillis >= resetThresholdMillis) {
            currentBackoffMillis = initialBackoffMillis;
            attemptsSinceReset = 0;
        } else {
            currentBackoffMillis = Math.min(maxBackoffMillis, (long) Math.ceil(currentBackoffMillis * multiplier));
        }
        attemptsSinceReset++;
        lastFailureMillis = now;
    }

    @Override
    public boolean canRestart() {
        return attemptsSinceReset <= maxAttempts;
    }

    @Override
    public long getBackoffMillis() {
        long jitter = (long) (currentBackoffMillis * jitterFactor);
        return jitter == 0 ? currentBackoffMillis : currentBackoffMillis - jitter + random.nextLong(2 * jitter + 1);
    }

    @Override
    public String describe() {
        return "exponential-delay (" + attemptsSinceReset + " failures since the last reset, backoff "
                + currentBackoffMillis + " ms)";
    }
}
