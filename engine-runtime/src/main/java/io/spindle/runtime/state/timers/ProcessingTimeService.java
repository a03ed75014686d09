package io.spindle.runtime.state.timers;

import java.util.concurrent.ScheduledFuture;

/**
 * The wall clock of a task. Callbacks run in the task's own thread (through its mailbox), never
 * concurrently with record processing, so operators need no locks.
 */
public interface ProcessingTimeService {
    long getCurrentProcessingTime();

    ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback);

    @FunctionalInterface
    interface ProcessingTimeCallback {
        void onProcessingTime(long time) throws Exception;
    }
}
