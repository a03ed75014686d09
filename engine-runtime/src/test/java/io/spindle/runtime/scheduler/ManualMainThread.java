package io.spindle.runtime.scheduler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A JobMaster main thread for tests, with a clock that moves only when the test says so.
 *
 * <p>{@link #execute} <b>queues</b> the task, as the real main thread does (whoever hands work
 * over returns before it runs, so callbacks never run inside the call that completed their
 * future); {@link #runQueued} runs the queue until it is empty, including the tasks those tasks
 * queue. {@link #schedule} records an action due at now + delay; {@link #advance} moves the
 * clock and runs each action that falls due, in due-time order (then scheduling order), at its
 * due time, each followed by everything it queued.
 */
final class ManualMainThread implements MainThreadScheduler {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private final List<Duration> scheduledDelays = new ArrayList<>();
    private long now;
    private long sequence;

    private final class Timer implements Cancellable {
        final long due;
        final long order = sequence++;
        final Runnable action;

        Timer(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            timers.remove(this);
        }
    }

    ManualMainThread(long startMillis) {
        this.now = startMillis;
    }

    /** The manual clock, in milliseconds. */
    long now() {
        return now;
    }

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    @Override
    public Cancellable schedule(Runnable action, Duration delay) {
        scheduledDelays.add(delay);
        Timer timer = new Timer(now + delay.toMillis(), action);
        timers.add(timer);
        return timer;
    }

    /** Runs queued tasks, and the tasks they queue, until none is left. */
    void runQueued() {
        Runnable next;
        while ((next = queue.poll()) != null) {
            next.run();
        }
    }

    /** Moves the clock on by {@code duration}, firing the actions that fall due on the way. */
    void advance(Duration duration) {
        runQueued();
        long target = now + duration.toMillis();
        while (true) {
            Timer next = null;
            for (Timer timer : timers) {
                if (timer.due <= target && (next == null || timer.due < next.due
                        || (timer.due == next.due && timer.order < next.order))) {
                    next = timer;
                }
            }
            if (next == null) {
                break;
            }
            timers.remove(next);
            now = Math.max(now, next.due);
            next.action.run();
            runQueued();
        }
        now = target;
    }

    /** Actions scheduled that have neither run nor been cancelled. */
    int pendingTimers() {
        return timers.size();
    }

    /** The delay of every {@link #schedule} call so far, in order. */
    List<Duration> scheduledDelays() {
        return List.copyOf(scheduledDelays);
    }

    /** Tasks handed to {@link #execute} that have not run yet. */
    int queuedTasks() {
        return queue.size();
    }
}
