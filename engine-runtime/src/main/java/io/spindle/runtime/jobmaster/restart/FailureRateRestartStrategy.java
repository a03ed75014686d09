package io.spindle.runtime.jobmaster.restart;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/** Restarts while no more than {@code maxFailures} failures happened within the last interval. */
final class FailureRateRestartStrategy implements RestartStrategy {
    private final int maxFailuresPerInterval;
    private final long intervalMillis;
    private final long delayMillis;
    private final LongSupplier clock;
    private final ArrayDeque<Long> failureTimes = new ArrayDeque<>();

    FailureRateRestartStrategy(int maxFailuresPerInterval, long intervalMillis, long delayMillis, LongSupplier clock) {
        this.maxFailuresPerInterval = maxFailuresPerInterval;
        this.intervalMillis = intervalMillis;
        this.delayMillis = delayMillis;
        this.clock = clock;
    }

    @Override
    public void notifyFailure() {
        long now = clock.getAsLong();
        failureTimes.addLast(now);
        while (!failureTimes.isEmpty() && failureTimes.peekFirst() <= now - intervalMillis) {
            failureTimes.removeFirst();
        }
    }

    @Override
    public boolean canRestart() {
        return failureTimes.size() <= maxFailuresPerInterval;
    }

    @Override
    public long getBackoffMillis() {
        return delayMillis;
    }

    @Override
    public String describe() {
        return "failure-rate (" + failureTimes.size() + " failures within " + intervalMillis + " ms, at most "
                + maxFailuresPerInterval + " allowed)";
    }
}
