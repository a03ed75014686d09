package io.spindle.api.functions;

/** Transforms one record into exactly one record. */
@FunctionalInterface
public interface MapFunction<IN, OUT> extends Function {
    OUT map(IN value) throws Exception;
}
