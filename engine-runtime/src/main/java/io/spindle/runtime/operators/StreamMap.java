package io.spindle.runtime.operators;

import io.spindle.api.functions.MapFunction;

/** Runs a {@link MapFunction}: one output record per input record, with the input's timestamp. */
public final class StreamMap<IN, OUT> extends AbstractUdfStreamOperator<OUT, MapFunction<IN, OUT>>
        implements OneInputStreamOperator<IN, OUT> {
    private static final long serialVersionUID = 1L;

    public StreamMap(MapFunction<IN, OUT> mapper) {
        super(mapper);
    }

    @Override
    public void processElement(StreamRecord<IN> record) throws Exception {
        setCurrentKeyIfKeyed(record.getValue());
        output.collect(record.replace(userFunction.map(record.getValue())));
    }
}
