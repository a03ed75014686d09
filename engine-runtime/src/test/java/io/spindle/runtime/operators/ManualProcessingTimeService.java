package io.spindle.runtime.operators;

import io.spindle.runtime.state.timers.ProcessingTimeService;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A processing-time clock that only moves when a test advances it; fires timers in order. */
public final class ManualProcessingTimeService implements ProcessingTimeService {
    private final PriorityQueue<ScheduledTimer> timers =
            new PriorityQueue<>(Comparator.comparingLong((ScheduledTimer t) -> t.time).thenComparingLong(t -> t.sequence));
    private long currentTime;
    private long sequence;

    public ManualProcessingTimeService(long startTime) {
        this.currentTime = startTime;
    }

    @Override
    public long getCurrentProcessingTime() {
        return currentTime;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
        ScheduledTimer timer = new ScheduledTimer(timestamp, sequence++, callback);
        timers.add(timer);
        return timer;
    }

    /** Moves the clock to {@code time} and runs every timer due by then, earliest first. */
    public void advanceTo(long time) throws Exception {
        currentTime = time;
        ScheduledTimer next;
        while ((next = timers.peek()) != null && next.time <= time) {
            timers.poll();
            if (!next.cancelled) {
                next.done = true;
                next.callback.onProcessingTime(next.time);
            }
        }
    }

    /** Timers registered and neither fired nor cancelled. */
    public long numberOfPendingTimers() {
        return timers.stream().filter(t -> !t.cancelled).count();
    }

    private static final class ScheduledTimer implements ScheduledFuture<Object> {
        final long time;
        final long sequence;
        final ProcessingTimeCallback callback;
        boolean cancelled;
        boolean done;

        ScheduledTimer(long time, long sequence, ProcessingTimeCallback callback) {
            this.time = time;
            this.sequence = sequence;
            this.callback = callback;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
