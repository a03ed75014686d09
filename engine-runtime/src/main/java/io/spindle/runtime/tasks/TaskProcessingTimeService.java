package io.spindle.runtime.tasks;

import io.spindle.runtime.state.timers.ProcessingTimeService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Processing time for one task: timers wait on the TaskManager's shared timer thread and then
 * run as mail in the task thread, never concurrently with record processing.
 */
final class TaskProcessingTimeService implements ProcessingTimeService {
    private final ScheduledExecutorService timerThread;
    private final TaskMailbox mailbox;

    TaskProcessingTimeService(ScheduledExecutorService timerThread, TaskMailbox mailbox) {
        this.timerThread = timerThread;
        this.mailbox = mailbox;
    }

    @Override
    public long getCurrentProcessingTime() {
        return System.currentTimeMillis();
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
        long delay = Math.max(0, timestamp - getCurrentProcessingTime());
        return timerThread.schedule(() -> mailbox.put(() -> callback.onProcessingTime(timestamp)), delay, TimeUnit.MILLISECONDS);
    }
}
