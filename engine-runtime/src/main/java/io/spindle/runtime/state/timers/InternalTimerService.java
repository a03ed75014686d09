package io.spindle.runtime.state.timers;

import io.spindle.runtime.state.timers.ProcessingTimeService;
import io.spindle.runtime.state.KeyedStateBackend;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Event-time and processing-time timers of one keyed operator, registered for the backend's
 * current key. Event-time timers fire, in timestamp order, when a watermark reaches them;
 * processing-time timers fire when the wall clock does, through a single timer of the task's
 * {@link ProcessingTimeService} set for the earliest one. Before a timer fires its key becomes
 * the backend's current key. Used from the task thread only.
 */
public final class InternalTimerService<N> {
    private final KeyedStateBackend keyContext;
    private ProcessingTimeService processingTimeService;
    private Triggerable<N> target;
    private final TimerQueue<N> eventTimeTimers = new TimerQueue<>();
    private final TimerQueue<N> processingTimeTimers = new TimerQueue<>();

    private long currentWatermark = Long.MIN_VALUE;
    private boolean watermarkRestored;
    private long scheduledWakeUp = Long.MAX_VALUE;
    private ScheduledFuture<?> scheduledWakeUpFuture;

    public InternalTimerService(KeyedStateBackend keyContext, ProcessingTimeService processingTimeService,
            Triggerable<N> target) {
        this(keyContext);
        bind(processingTimeService, target);
    }

    /**
     * A service not yet bound to its operator: the keyed backend creates it when it restores
     * timers, before the operator that owns them is open.
     */
    InternalTimerService(KeyedStateBackend keyContext) {
        this.keyContext = keyContext;
    }

    /** Attaches the operator's clock and callbacks; restored processing-time timers start waiting now. */
    public void bind(ProcessingTimeService processingTimeService, Triggerable<N> target) {
        if (this.target != null) {
            throw new IllegalStateException("this timer service is already bound to an operator");
        }
        this.processingTimeService = processingTimeService;
        this.target = target;
        scheduleWakeUpForEarliestTimer();
    }

    boolean isBound() {
        return target != null;
    }

    /** Adds a timer read from a snapshot, for its own key (not the current one). */
    void restoreTimer(boolean eventTime, InternalTimer<N> timer) {
        (eventTime ? eventTimeTimers : processingTimeTimers).add(timer);
    }

    /**
     * Restores event time. Key groups restored from several former instances take the lowest of
     * their watermarks, so no record is judged late that was not late before.
     */
    void restoreWatermark(long watermark) {
        currentWatermark = watermarkRestored ? Math.min(currentWatermark, watermark) : watermark;
        watermarkRestored = true;
    }

    List<InternalTimer<N>> eventTimeTimersForSnapshot() {
        return eventTimeTimers.sortedTimers();
    }

    List<InternalTimer<N>> processingTimeTimersForSnapshot() {
        return processingTimeTimers.sortedTimers();
    }

    public long currentWatermark() {
        return currentWatermark;
    }

    public long currentProcessingTime() {
        return processingTimeService.getCurrentProcessingTime();
    }

    public void registerEventTimeTimer(N namespace, long time) {
        eventTimeTimers.add(new InternalTimer<>(time, keyContext.getCurrentKey(), namespace));
    }

    public void deleteEventTimeTimer(N namespace, long time) {
        eventTimeTimers.delete(new InternalTimer<>(time, keyContext.getCurrentKey(), namespace));
    }

    public void registerProcessingTimeTimer(N namespace, long time) {
        processingTimeTimers.add(new InternalTimer<>(time, keyContext.getCurrentKey(), namespace));
        scheduleWakeUpForEarliestTimer();
    }

    public void deleteProcessingTimeTimer(N namespace, long time) {
        processingTimeTimers.delete(new InternalTimer<>(time, keyContext.getCurrentKey(), namespace));
    }

    /** Fires every event-time timer at or before {@code watermark}, earliest first. */
    public void advanceWatermark(long watermark) throws Exception {
        currentWatermark = watermark;
        InternalTimer<N> timer;
        while ((timer = eventTimeTimers.pollDue(watermark)) != null) {
            keyContext.setCurrentKey(timer.key());
            target.onEventTime(timer);
        }
    }

    /**
     * Fires the processing-time timers up to the latest one registered now, earliest first, as if
     * the clock had run on to it; for operators that must emit all pending results when input
     * ends. Timers that firing registers later than that stay pending.
     */
    public void fireAllProcessingTimeTimers() throws Exception {
        cancelWakeUp();
        long latest = processingTimeTimers.latestTimestamp();
        InternalTimer<N> timer;
        while ((timer = processingTimeTimers.pollDue(latest)) != null) {
            keyContext.setCurrentKey(timer.key());
            target.onProcessingTime(timer);
        }
    }

    /** Number of registered event-time and processing-time timers. */
    public int numberOfTimers() {
        return eventTimeTimers.size() + processingTimeTimers.size();
    }

    /** Stops the wake-up timer; registered timers are dropped with the operator. */
    public void close() {
        cancelWakeUp();
    }

    private void onProcessingTime(long time) throws Exception {
        if (time >= scheduledWakeUp) {
            scheduledWakeUp = Long.MAX_VALUE;
            scheduledWakeUpFuture = null;
        }
        InternalTimer<N> timer;
        while ((timer = processingTimeTimers.pollDue(time)) != null) {
            keyContext.setCurrentKey(timer.key());
            target.onProcessingTime(timer);
        }
        scheduleWakeUpForEarliestTimer();
    }

    private void scheduleWakeUpForEarliestTimer() {
        if (processingTimeService == null) {
            return;
        }
        InternalTimer<N> earliest = processingTimeTimers.peek();
        if (earliest != null && earliest.timestamp() < scheduledWakeUp) {
            cancelWakeUp();
            scheduledWakeUp = earliest.timestamp();
            scheduledWakeUpFuture = processingTimeService.registerTimer(scheduledWakeUp, this::onProcessingTime);
        }
    }

    private void cancelWakeUp() {
        if (scheduledWakeUpFuture != null) {
            scheduledWakeUpFuture.cancel(false);
            scheduledWakeUpFuture = null;
        }
        scheduledWakeUp = Long.MAX_VALUE;
    }
}
