package io.spindle.runtime.tasks;

import io.spindle.runtime.operators.Output;
import io.spindle.runtime.operators.StreamRecord;
import io.spindle.runtime.operators.WatermarkStatus;

/** The output of a sink, the last operator of a chain with no outgoing edge. */
final class DiscardingOutput<T> implements Output<T> {
    @Override
    public void collect(StreamRecord<T> record) {}

    @Override
    public void emitWatermark(long watermark) {}

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {}
}
