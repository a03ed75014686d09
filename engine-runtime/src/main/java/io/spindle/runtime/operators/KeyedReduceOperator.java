package io.spindle.runtime.operators;

import io.spindle.api.functions.ReduceFunction;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import java.util.HashMap;
import java.util.Map;

/**
 * A reduce on a keyed stream. Streaming (rolling): keeps the reduced value per key in keyed
 * state and emits the new value for every record, with the record's timestamp. Batch: emits
 * only each key's final value when the bounded input ends. The first record of a key is stored
 * as it is.
 */
public final class KeyedReduceOperator<T> extends AbstractUdfStreamOperator<T, ReduceFunction<T>>
        implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    /** Prefixed so that it cannot clash with the name of a state the function itself uses. */
    static final String STATE_NAME = "_spindle_reduce_value";

    private final boolean emitFinalValuesOnly;
    private transient ValueState<T> reduced;
    /** Batch mode: the reduced value per key, emitted at the end of input. */
    private transient Map<Object, T> finalValues;

    /** A rolling reduce. */
    public KeyedReduceOperator(ReduceFunction<T> reducer) {
        this(reducer, false);
    }

    /** @param emitFinalValuesOnly true in batch mode: one result per key when the input ends */
    public KeyedReduceOperator(ReduceFunction<T> reducer, boolean emitFinalValuesOnly) {
        super(reducer);
        this.emitFinalValuesOnly = emitFinalValuesOnly;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open() throws Exception {
        requireKeyedInput("reduce(...)");
        if (emitFinalValuesOnly) {
            finalValues = new HashMap<>();
        } else {
            reduced = getKeyedStateBackend().getValueState(new ValueStateDescriptor<>(STATE_NAME, (Class<T>) Object.class));
        }
        super.open();
    }

    @Override
    public void processElement(StreamRecord<T> record) throws Exception {
        T value = record.getValue();
        if (emitFinalValuesOnly) {
            Object key = keyOf(value);
            T current = finalValues.get(key);
            finalValues.put(key, current == null ? value : userFunction.reduce(current, value));
            return;
        }
        setCurrentKeyOf(value);
        T current = reduced.value();
        T next = current == null ? value : userFunction.reduce(current, value);
        reduced.update(next);
        output.collect(record.replace(next));
    }

    @Override
    public void finish() throws Exception {
        if (emitFinalValuesOnly) {
            StreamRecord<T> out = new StreamRecord<>(null);
            for (T value : finalValues.values()) {
                output.collect(out.replace(value));
            }
            finalValues.clear();
        }
    }
}
