package io.spindle.runtime.operators;

/**
 * Whether a stream currently takes part in event time. An IDLE stream (its source emits nothing
 * for a while) is left out when a task takes the minimum watermark of its inputs, so that it does
 * not hold event time back; it turns ACTIVE again before its next record.
 */
public enum WatermarkStatus {
    ACTIVE,
    IDLE
}
