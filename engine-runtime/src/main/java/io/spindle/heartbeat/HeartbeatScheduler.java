package io.spindle.heartbeat;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where heartbeat timers run. Production code passes an endpoint's main thread
 * ({@code endpoint.getMainThreadExecutor()::schedule}) or a scheduled executor; tests pass a
 * manual scheduler to drive time without sleeping.
 */
@FunctionalInterface
public interface HeartbeatScheduler {

    /** Runs {@code task} once after {@code delay}; cancelling the returned future prevents that. */
    Future<?> schedule(Runnable task, Duration delay);

    static HeartbeatScheduler of(ScheduledExecutorService executor) {
        return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
