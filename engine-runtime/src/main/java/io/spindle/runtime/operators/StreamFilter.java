package io.spindle.runtime.operators;

import io.spindle.api.functions.FilterFunction;

/** Runs a {@link FilterFunction}: forwards the records it accepts, unchanged. */
public final class StreamFilter<T> extends AbstractUdfStreamOperator<T, FilterFunction<T>>
        implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    public StreamFilter(FilterFunction<T> filter) {
        super(filter);
    }

    @Override
    public void processElement(StreamRecord<T> record) throws Exception {
        setCurrentKeyIfKeyed(record.getValue());
        if (userFunction.filter(record.getValue())) {
            output.collect(record);
        }
    }
}
