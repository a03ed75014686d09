package io.spindle.runtime.tasks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the processing-time timers of a source task while its source function runs. The function
 * runs in the task thread and gives the thread back only when it emits; a source that has nothing
 * to emit (a quiet socket, a partition without data) would otherwise stop its chain's timers too,
 * among them the periodic watermark and idleness check of {@code assignTimestampsAndWatermarks}.
 *
 * <p>Timers run on a thread of their own, under the task's emit lock, which the source context
 * holds while a record or watermark goes down the chain: operators are still called by one thread
 * at a time. Only timers run here; checkpoint triggers and other mail still wait for the task
 * thread, since a source function's position may only be snapshotted between two records. Once
 * the source function returned, timers go to the mailbox again.
 */
final class SourceTaskTimers {
    private final Object emitLock;
    private final TaskMailbox mailbox;
    private final Runnable stopSource;
    private final ExecutorService runner;
    /** Guarded by emitLock. */
    private boolean sourceRunning = true;
    private volatile Throwable failure;

    /** @param stopSource cancels the source function when a timer failed, so the task fails soon */
    SourceTaskTimers(String taskName, Object emitLock, TaskMailbox mailbox, Runnable stopSource) {
        this.emitLock = emitLock;
        this.mailbox = mailbox;
        this.stopSource = stopSource;
        this.runner = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, taskName + " timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Any thread: runs a due timer now, or as mail once the source function has returned. */
    void deliver(TaskMailbox.Mail timer) {
        try {
            runner.execute(() -> run(timer));
        } catch (RejectedExecutionException ended) {
            mailbox.put(timer);
        }
    }

    private void run(TaskMailbox.Mail timer) {
        synchronized (emitLock) {
            if (!sourceRunning) {
                mailbox.put(timer);
                return;
            }
            try {
                timer.run();
            } catch (Throwable t) {
                failure = t;
                sourceRunning = false;
                stopSource.run();
            }
        }
    }

    /** Task thread, once the source function returned (or failed): later timers run as mail. Idempotent. */
    void sourceEnded() {
        synchronized (emitLock) {
            sourceRunning = false;
        }
        runner.shutdown();
    }

    /** Throws what a timer failed with, if one did. */
    void rethrowFailure() throws Exception {
        Throwable failed = failure;
        if (failed instanceof Exception e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }
}
