package io.spindle.api.connectors;

import io.spindle.api.functions.SinkFunction;

/** A sink that drops every record; the end of a pipeline whose output does not matter (benchmarks). */
public final class DiscardingSink<T> implements SinkFunction<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void invoke(T value) {}
}
