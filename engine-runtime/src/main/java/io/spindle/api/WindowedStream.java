package io.spindle.api;

import io.spindle.api.functions.AggregateFunction;
import io.spindle.api.functions.ReduceFunction;
import io.spindle.api.windowing.WindowAssigner;
import io.spindle.runtime.operators.windowing.WindowOperator;

/** A keyed stream cut into windows; each window of each key yields one result. */
public final class WindowedStream<T, K> {
    private final KeyedStream<T, K> input;
    private final WindowAssigner assigner;

    WindowedStream(KeyedStream<T, K> input, WindowAssigner assigner) {
        this.input = input;
        this.assigner = UserFunctions.checkSerializable(assigner, "window");
    }

    public DataStream<T> reduce(ReduceFunction<T> reducer) {
        UserFunctions.checkSerializable(reducer, "reduce");
        return input.transform("Window Reduce", WindowOperator.reducing(assigner, reducer));
    }

    public <ACC, R> DataStream<R> aggregate(AggregateFunction<T, ACC, R> aggregate) {
        UserFunctions.checkSerializable(aggregate, "aggregate");
        return input.transform("Window Aggregate", WindowOperator.aggregating(assigner, aggregate));
    }
}
