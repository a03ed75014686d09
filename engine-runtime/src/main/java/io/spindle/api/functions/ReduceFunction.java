package io.spindle.api.functions;

/** Combines two values of the same type into one; used by rolling and window reductions. */
@FunctionalInterface
public interface ReduceFunction<T> extends Function {
    T reduce(T accumulated, T value) throws Exception;
}
