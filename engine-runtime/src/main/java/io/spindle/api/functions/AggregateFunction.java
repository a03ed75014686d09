package io.spindle.api.functions;

/** Incremental aggregation with a mutable accumulator, as used by window {@code aggregate}. */
public interface AggregateFunction<IN, ACC, OUT> extends Function {
    ACC createAccumulator();

    ACC add(IN value, ACC accumulator);

    OUT getResult(ACC accumulator);

    ACC merge(ACC a, ACC b);
}
