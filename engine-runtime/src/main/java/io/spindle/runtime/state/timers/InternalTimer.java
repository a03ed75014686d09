package io.spindle.runtime.state.timers;

/**
 * A timer of a keyed operator: fires at {@code timestamp} for {@code key} in {@code namespace}
 * (a window, or {@link io.spindle.runtime.state.VoidNamespace} when the operator has none). Two
 * timers with equal fields are the same timer.
 */
public record InternalTimer<N>(long timestamp, Object key, N namespace) {}
