package io.spindle.runtime.state.timers;

/**
 * The operator that an {@link InternalTimerService} calls when a timer fires. The timer's key is
 * already the current key of the keyed state backend.
 */
public interface Triggerable<N> {
    void onEventTime(InternalTimer<N> timer) throws Exception;

    void onProcessingTime(InternalTimer<N> timer) throws Exception;
}
