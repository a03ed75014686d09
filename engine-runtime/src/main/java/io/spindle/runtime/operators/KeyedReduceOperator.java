package io.spindle.runtime.operators;

import io.spindle.api.functions.ReduceFunction;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;

/**
 * A rolling reduce on a keyed stream: keeps the reduced value per key and emits the new value for
 * every record, with the record's timestamp. The first record of a key is stored as it is.
 */
public final class KeyedReduceOperator<T> extends AbstractUdfStreamOperator<T, ReduceFunction<T>>
        implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    /** Prefixed so that it cannot clash with the name of a state the function itself uses. */
    static final String STATE_NAME = "_spindle_reduce_value";

    private transient ValueState<T> reduced;

    public KeyedReduceOperator(ReduceFunction<T> reducer) {
        super(reducer);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open() throws Exception {
        requireKeyedInput("reduce(...)");
        reduced = getKeyedStateBackend().getValueState(new ValueStateDescriptor<>(STATE_NAME, (Class<T>) Object.class));
        super.open();
    }

    @Override
    public void processElement(StreamRecord<T> record) throws Exception {
        T value = record.getValue();
        setCurrentKeyOf(value);
        T current = reduced.value();
        T next = current == null ? value : userFunction.reduce(current, value);
        reduced.update(next);
        output.collect(record.replace(next));
    }
}
