package io.spindle.runtime.checkpoint;

import java.time.Duration;

/**
 * Runs the coordinator's timers (periodic triggers, checkpoint timeouts) on the JobMaster's main
 * thread, like every other call into the coordinator; a manual one in tests.
 */
public interface CheckpointScheduler {

    /** A scheduled action that has not run yet can be called off. */
    interface Cancellable {
        /** Keeps the action from running; no effect once it ran. */
        void cancel();
    }

    /** Runs {@code action} once, on the main thread, after {@code delay}. */
    Cancellable schedule(Runnable action, Duration delay);
}
