package io.spindle.api.functions;

/** A function with a life cycle and access to its {@link RuntimeContext}. */
public interface RichFunction extends Function {
    default void open(RuntimeContext context) throws Exception {}

    default void close() throws Exception {}
}
