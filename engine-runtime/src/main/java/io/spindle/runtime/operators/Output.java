package io.spindle.runtime.operators;

/**
 * Where an operator emits: the next operator of its chain, or the network writer at the end of
 * the chain. The record passed to {@link #collect} may be reused by the caller after it returns.
 */
public interface Output<T> {
    void collect(StreamRecord<T> record);

    /** Forwards event-time progress downstream. */
    void emitWatermark(long watermark);

    /** Tells downstream that this stream stopped or resumed taking part in event time. */
    void emitWatermarkStatus(WatermarkStatus status);
}
