package io.spindle.heartbeat;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A timer that fires {@code onTimeout} (with itself, so that owners can tell which of their
 * timers fired) at most once, unless {@link #reset()} keeps pushing it
 * back. A timer task that was cancelled too late to stop it recognises itself as stale by its
 * generation and does nothing.
 */
final class ResettableTimeout {
    private final HeartbeatScheduler scheduler;
    private final Duration timeout;
    private final Consumer<ResettableTimeout> onTimeout;

    private long generation;
    private Future<?> pending;
    private boolean finished;

    ResettableTimeout(HeartbeatScheduler scheduler, Duration timeout, Consumer<ResettableTimeout> onTimeout) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.onTimeout = onTimeout;
    }

    /** (Re)starts the countdown; returns false, doing nothing, if the timer fired or was cancelled. */
    synchronized boolean reset() {
        if (finished) {
            return false;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        long armedGeneration = ++generation;
        pending = scheduler.schedule(() -> expire(armedGeneration), timeout);
        return true;
    }

    /** Stops the timer for good without firing it. */
    synchronized void cancel() {
        finished = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void expire(long armedGeneration) {
        synchronized (this) {
            if (finished || armedGeneration != generation) {
                return;
            }
            finished = true;
        }
        onTimeout.accept(this);
    }
}
