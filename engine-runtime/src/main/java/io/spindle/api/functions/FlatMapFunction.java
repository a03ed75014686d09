package io.spindle.api.functions;

/** Transforms one record into zero, one or more records. */
@FunctionalInterface
public interface FlatMapFunction<IN, OUT> extends Function {
    void flatMap(IN value, Collector<OUT> out) throws Exception;
}
