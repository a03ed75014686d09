package io.spindle.api.functions;

/** Receives the records at the end of a pipeline. */
@FunctionalInterface
public interface SinkFunction<IN> extends Function {
    void invoke(IN value) throws Exception;

    /** Called once when the input has ended (bounded jobs), before {@code close}. */
    default void finish() throws Exception {}
}
