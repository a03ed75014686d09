package io.spindle.rpc;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread of an {@link RpcEndpoint}. Everything submitted here runs one task at a time
 * in submission order (delayed tasks when due), so endpoint state touched only from this thread
 * needs no locks. A task that throws is logged and does not stop the thread.
 *
 * <p>After the endpoint closed, {@link #execute} and {@link #schedule} throw
 * {@link RejectedExecutionException}.
 */
public final class MainThreadExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(MainThreadExecutor.class);

    private final String threadName;
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread mainThread;

    MainThreadExecutor(String threadName) {
        this.threadName = threadName;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            mainThread = thread;
            return thread;
        });
        // heartbeat timers are cancelled and re-armed constantly; do not let cancelled ones pile up
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartCoreThread();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    /** Runs {@code task} on the main thread after {@code delay}; cancel through the returned future. */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the calling thread is this executor's thread. */
    public boolean isMainThread() {
        return Thread.currentThread() == mainThread;
    }

    /** Lets queued tasks finish, drops delayed ones, and waits for the thread unless called from it. */
    void shutdownAndWait(Duration wait) {
        executor.shutdown();
        if (isMainThread()) {
            return;
        }
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Main thread {} did not finish its queued work within {}; interrupting it", threadName, wait);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("Uncaught exception in main thread {}", threadName, t);
            }
        };
    }
}
