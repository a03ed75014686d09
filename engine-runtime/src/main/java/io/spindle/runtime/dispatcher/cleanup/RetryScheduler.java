package io.spindle.runtime.dispatcher.cleanup;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Where the pauses between cleanup attempts are kept: a scheduled executor, or a manual one in tests. */
@FunctionalInterface
public interface RetryScheduler {

    /** Runs {@code task} once, after {@code delay}. */
    void schedule(Runnable task, Duration delay);

    static RetryScheduler of(ScheduledExecutorService executor) {
        return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
