package io.spindle.runtime.tasks;

import io.spindle.runtime.state.timers.ProcessingTimeService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Processing time for one task: timers wait on the TaskManager's shared timer thread and then
 * run where the task says, as mail in the task thread or (in a source task) under its emit lock,
 * never concurrently with record processing.
 *
 * <p>While a stop-with-savepoint is in progress the task holds its timers: one that fired after
 * the savepoint's snapshot would emit output that the savepoint does not account for. They run
 * after all if the savepoint fails and the job goes on, and never if it completes.
 */
final class TaskProcessingTimeService implements ProcessingTimeService {
    private final ScheduledExecutorService timerThread;
    private final Consumer<TaskMailbox.Mail> runDueTimer;
    /** Guarded by this; null while timers run as they fire. */
    private List<TaskMailbox.Mail> held;

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
        return timerThread.schedule(() -> fire(() -> callback.onProcessingTime(timestamp)), delay,
                TimeUnit.MILLISECONDS);
    }

    private synchronized void fire(TaskMailbox.Mail timer) {
        if (held != null) {
            held.add(timer);
        } else {
            runDueTimer.accept(timer);
        }
    }

    /** From now on timers that fire wait for {@link #releaseHeldTimers} or are dropped. */
    synchronized void holdTimers() {
        if (held == null) {
            held = new ArrayList<>();
        }
    }

    /** The timers fired while held run now, in their order, and later ones as they fire. */
    synchronized void releaseHeldTimers() {
        List<TaskMailbox.Mail> due = held;
        held = null;
        if (due != null) {
            due.forEach(runDueTimer);
        }
    }
}
