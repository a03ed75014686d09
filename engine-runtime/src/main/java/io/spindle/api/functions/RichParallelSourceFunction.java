package io.spindle.api.functions;

/**
 * A parallel source with a life cycle: {@link #open} receives the {@link RuntimeContext} that
 * says which share of the input this instance emits.
 */
public abstract class RichParallelSourceFunction<T> implements ParallelSourceFunction<T>, RichFunction {
    private static final long serialVersionUID = 1L;
}
