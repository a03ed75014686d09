package io.spindle.runtime.operators.windowing;

import io.spindle.api.functions.AggregateFunction;
import io.spindle.api.functions.ReduceFunction;
import java.io.Serializable;

/** How a window folds its records into one accumulator and turns that into its result. */
interface WindowAggregation<IN, ACC, OUT> extends Serializable {

    /** Adds {@code value} to {@code accumulator}, which is null for the window's first record. */
    ACC add(IN value, ACC accumulator) throws Exception;

    OUT result(ACC accumulator);

    /** Keeps the first record as it is and reduces every later one into it. */
    record Reducing<T>(ReduceFunction<T> reducer) implements WindowAggregation<T, T, T> {
        @Override
        public T add(T value, T accumulator) throws Exception {
            return accumulator == null ? value : reducer.reduce(accumulator, value);
        }

        @Override
        public T result(T accumulator) {
            return accumulator;
        }
    }

    /** Starts from the function's fresh accumulator and adds each record to it. */
    record Aggregating<IN, ACC, OUT>(AggregateFunction<IN, ACC, OUT> function)
            implements WindowAggregation<IN, ACC, OUT> {
        @Override
        public ACC add(IN value, ACC accumulator) {
            return function.add(value, accumulator == null ? function.createAccumulator() : accumulator);
        }

        @Override
        public OUT result(ACC accumulator) {
            return function.getResult(accumulator);
        }
    }
}
