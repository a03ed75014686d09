package io.spindle.runtime.tasks;

import io.spindle.runtime.state.timers.ProcessingTimeService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Processing time for one task: timers wait on the TaskManager's shared timer thread and then
 * run where the task says, as mail in the task thread or (in a source task) under its emit lock,
 * never concurrently with record processing.
 */
final class TaskProcessingTimeService implements ProcessingTimeService {
    private final ScheduledExecutorService timerThread;
    private final Consumer<TaskMailbox.Mail> runDueTimer;

    TaskProcessingTimeService(ScheduledExecutorService timerThread, Consumer<TaskMailbox.Mail> runDueTimer) {
        this.timerThread = timerThread;
        this.runDueTimer = runDueTimer;
    }

    @Override
    public long getCurrentProcessingTime() {
        return System.currentTimeMillis();
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
        long delay = Math.max(0, timestamp - getCurrentProcessingTime());
        return timerThread.schedule(() -> runDueTimer.accept(() -> callback.onProcessingTime(timestamp)), delay,
                TimeUnit.MILLISECONDS);
    }
}
