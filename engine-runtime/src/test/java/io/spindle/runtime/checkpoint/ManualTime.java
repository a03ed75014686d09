package io.spindle.runtime.checkpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A clock and a {@link CheckpointScheduler} that move only when a test advances them. */
final class ManualTime implements CheckpointScheduler {
    private long now;
    private long sequence;
    private final List<Timer> timers = new ArrayList<>();

    private final class Timer implements Cancellable {
        final long due;
        final long order = sequence++;
        final Runnable action;
        boolean cancelled;

        Timer(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
            timers.remove(this);
        }
    }

    ManualTime(long startMillis) {
        this.now = startMillis;
    }

    long now() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable action, Duration delay) {
        Timer timer = new Timer(now + delay.toMillis(), action);
        timers.add(timer);
        return timer;
    }

    /** Moves the clock forward, running each timer that falls due at its time, in order. */
    void advance(Duration duration) {
        long target = now + duration.toMillis();
        while (true) {
            Optional<Timer> next = timers.stream().filter(timer -> timer.due <= target)
                    .min(Comparator.<Timer>comparingLong(timer -> timer.due).thenComparingLong(timer -> timer.order));
            if (next.isEmpty()) {
                break;
            }
            Timer timer = next.get();
            timers.remove(timer);
            now = Math.max(now, timer.due);
            timer.action.run();
        }
        now = target;
    }

    /** Timers scheduled and neither run nor cancelled. */
    int pendingTimers() {
        return timers.size();
    }
}
