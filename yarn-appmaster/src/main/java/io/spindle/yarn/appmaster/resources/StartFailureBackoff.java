package io.spindle.yarn.appmaster.resources;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Pauses new container requests when TaskManagers fail to start more often than allowed, so a
 * broken launch (bad classpath, missing file) does not make the ApplicationMaster hammer YARN
 * with requests. Only used from the ResourceManager's main thread.
 */
final class StartFailureBackoff {
    private static final long WINDOW_MILLIS = 60_000;

    private final double maxFailuresPerMinute;
    private final long retryIntervalMillis;
    private final LongSupplier clock;
    private final ArrayDeque<Long> recentFailures = new ArrayDeque<>();
    private long pausedUntil = Long.MIN_VALUE;

    StartFailureBackoff(double maxFailuresPerMinute, long retryIntervalMillis, LongSupplier clock) {
        if (maxFailuresPerMinute < 0 || Double.isNaN(maxFailuresPerMinute)) {
            throw new IllegalArgumentException("The TaskManager start failure rate limit must be zero or positive, got "
                    + maxFailuresPerMinute + "; check " + YarnResourceOptions.START_WORKER_MAX_FAILURE_RATE.key());
        }
        if (retryIntervalMillis < 0) {
            throw new IllegalArgumentException("The TaskManager start retry interval must not be negative, got "
                    + retryIntervalMillis + " ms; check " + YarnResourceOptions.START_WORKER_RETRY_INTERVAL.key());
        }
        this.maxFailuresPerMinute = maxFailuresPerMinute;
        this.retryIntervalMillis = retryIntervalMillis;
        this.clock = clock;
    }

    /** Counts a failure; pauses requests when the failures of the last minute exceed the rate. */
    void recordFailure() {
        long now = clock.getAsLong();
        while (!recentFailures.isEmpty() && recentFailures.peekFirst() <= now - WINDOW_MILLIS) {
            recentFailures.pollFirst();
        }
        recentFailures.addLast(now);
        if (recentFailures.size() > maxFailuresPerMinute) {
            pausedUntil = now + retryIntervalMillis;
        }
    }

    boolean isPaused() {
        return clock.getAsLong() < pausedUntil;
    }

    /** Milliseconds until requests may go out again; zero when not paused. */
    long millisUntilResume() {
        long now = clock.getAsLong();
        return now < pausedUntil ? pausedUntil - now : 0;
    }
}
