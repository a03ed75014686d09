package io.spindle.runtime.operators;

import io.spindle.api.functions.FlatMapFunction;

/** Runs a {@link FlatMapFunction}; its records carry the timestamp of the input record. */
public final class StreamFlatMap<IN, OUT> extends AbstractUdfStreamOperator<OUT, FlatMapFunction<IN, OUT>>
        implements OneInputStreamOperator<IN, OUT> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<OUT> collector;

    public StreamFlatMap(FlatMapFunction<IN, OUT> flatMapper) {
        super(flatMapper);
    }

    @Override
    public void open() throws Exception {
        collector = new TimestampedCollector<>(output);
        super.open();
    }

    @Override
    public void processElement(StreamRecord<IN> record) throws Exception {
        setCurrentKeyIfKeyed(record.getValue());
        collector.setTimestamp(record.getTimestamp());
        userFunction.flatMap(record.getValue(), collector);
    }
}
