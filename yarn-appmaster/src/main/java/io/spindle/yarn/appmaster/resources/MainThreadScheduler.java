package io.spindle.yarn.appmaster.resources;

import io.spindle.rpc.MainThreadExecutor;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The single thread the {@link YarnResourceDriver} keeps its state on: the Spindle
 * ResourceManager's main thread. YARN's callback threads hand their events over through it.
 * Once the thread is gone, both methods may throw {@link java.util.concurrent.RejectedExecutionException}.
 */
public interface MainThreadScheduler extends Executor {
    /** Runs {@code task} on the thread after {@code delay}. */
    void schedule(Runnable task, Duration delay);

    /**
     * Uses an RPC endpoint's main thread, looked up on each call: the driver is built before the
     * ResourceManager it serves, so pass {@code () -> resourceManager.getMainThreadExecutor()}.
     */
    static MainThreadScheduler of(Supplier<MainThreadExecutor> mainThread) {
        return new MainThreadScheduler() {
            @Override
            public void execute(Runnable task) {
                mainThread.get().execute(task);
            }

            @Override
            public void schedule(Runnable task, Duration delay) {
                mainThread.get().schedule(task, delay);
            }
        };
    }
}
