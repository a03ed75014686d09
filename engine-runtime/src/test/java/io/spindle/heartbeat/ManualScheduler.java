package io.spindle.heartbeat;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/** A scheduler whose time moves only when the test calls {@link #advance}. */
final class ManualScheduler implements HeartbeatScheduler {
    private record Timer(long dueNanos, long sequence, FutureTask<?> task) {}

    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.sequence, b.sequence));
    private long nowNanos;
    private long sequence;

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
        FutureTask<?> future = new FutureTask<>(task, null);
        timers.add(new Timer(nowNanos + delay.toNanos(), sequence++, future));
        return future;
    }

    /** Runs, in order, every timer that falls due within {@code duration}, including new ones. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nowNanos + duration.toNanos();
        }
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                timers.poll();
                nowNanos = next.dueNanos;
            }
            if (!next.task.isCancelled()) {
                next.task.run();
                rethrowFailure(next.task);
            }
        }
    }

    /** Timers scheduled and neither run nor cancelled. */
    synchronized long pendingTimers() {
        return timers.stream().filter(t -> !t.task.isCancelled()).count();
    }

    private static void rethrowFailure(FutureTask<?> task) {
        try {
            task.get();
        } catch (CancellationException e) {
            // the task cancelled its own future while running (e.g. a timeout stopping its timer)
        } catch (ExecutionException e) {
            throw new AssertionError("scheduled task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
