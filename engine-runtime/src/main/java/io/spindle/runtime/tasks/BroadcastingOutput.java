package io.spindle.runtime.tasks;

import io.spindle.runtime.operators.Output;
import io.spindle.runtime.operators.StreamRecord;
import io.spindle.runtime.operators.WatermarkStatus;

/** The end of a chain with several outgoing edges: each record goes to every edge's writer. */
final class BroadcastingOutput<T> implements Output<T> {
    private final Output<T>[] outputs;

    BroadcastingOutput(Output<T>[] outputs) {
        this.outputs = outputs;
    }

    @Override
    public void collect(StreamRecord<T> record) {
        for (Output<T> output : outputs) {
            output.collect(record);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        for (Output<T> output : outputs) {
            output.emitWatermark(watermark);
        }
    }

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {
        for (Output<T> output : outputs) {
            output.emitWatermarkStatus(status);
        }
    }
}
