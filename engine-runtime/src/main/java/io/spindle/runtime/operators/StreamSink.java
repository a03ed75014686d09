package io.spindle.runtime.operators;

import io.spindle.api.functions.SinkFunction;

/**
 * Runs a {@link SinkFunction} at the end of a chain. It emits nothing, not even watermarks, and
 * calls the function's {@code finish()} when the input ends.
 */
public final class StreamSink<IN> extends AbstractUdfStreamOperator<Object, SinkFunction<IN>>
        implements OneInputStreamOperator<IN, Object> {
    private static final long serialVersionUID = 1L;

    public StreamSink(SinkFunction<IN> sink) {
        super(sink);
    }

    @Override
    public void processElement(StreamRecord<IN> record) throws Exception {
        setCurrentKeyIfKeyed(record.getValue());
        userFunction.invoke(record.getValue());
    }

    @Override
    public void processWatermark(long watermark) {
        // Nothing downstream to inform.
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // Nothing downstream to inform.
    }

    @Override
    public void finish() throws Exception {
        userFunction.finish();
    }
}
