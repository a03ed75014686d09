package io.spindle.api.functions;

/** Receives the records a function emits. */
public interface Collector<T> {
    void collect(T record);
}
