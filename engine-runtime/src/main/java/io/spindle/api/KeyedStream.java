package io.spindle.api;

import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.ReduceFunction;
import io.spindle.api.transformations.Transformation;
import io.spindle.api.windowing.WindowAssigner;
import io.spindle.runtime.operators.KeyedProcessOperator;
import io.spindle.runtime.operators.KeyedReduceOperator;
import io.spindle.runtime.operators.SumReducer;

/**
 * A stream partitioned by key: every record of a key reaches the same parallel instance, which
 * keeps that key's state.
 */
public class KeyedStream<T, K> extends DataStream<T> {
    private final KeySelector<T, K> keySelector;

    KeyedStream(StreamEnvironment environment, Transformation<T> transformation, KeySelector<T, K> keySelector) {
        super(environment, transformation);
        this.keySelector = keySelector;
    }

    public KeySelector<T, K> getKeySelector() {
        return keySelector;
    }

    @Override
    KeySelector<T, ?> stateKeySelector() {
        return keySelector;
    }

    /** Reduces the values of each key: a rolling result per record, or one final result per key in BATCH mode. */
    public DataStream<T> reduce(ReduceFunction<T> reducer) {
        return transform("Keyed Reduce", new KeyedReduceOperator<>(UserFunctions.checkSerializable(reducer, "reduce"), batch()));
    }

    /** Rolling sum of a tuple field (0-based position) or of the value itself (position 0 of a number). */
    @SuppressWarnings("unchecked")
    public DataStream<T> sum(int position) {
        return transform("Keyed Sum", new KeyedReduceOperator<>((ReduceFunction<T>) (ReduceFunction<?>) new SumReducer(position), batch()));
    }

    /** Rolling sum of a named field of a record or POJO. */
    @SuppressWarnings("unchecked")
    public DataStream<T> sum(String field) {
        return transform("Keyed Sum", new KeyedReduceOperator<>((ReduceFunction<T>) (ReduceFunction<?>) new SumReducer(field), batch()));
    }

    private boolean batch() {
        return environment.getRuntimeMode() == RuntimeExecutionMode.BATCH;
    }

    public <R> DataStream<R> process(KeyedProcessFunction<K, T, R> function) {
        return transform("Keyed Process", new KeyedProcessOperator<>(UserFunctions.checkSerializable(function, "process")));
    }

    public WindowedStream<T, K> window(WindowAssigner assigner) {
        return new WindowedStream<>(this, assigner);
    }
}
