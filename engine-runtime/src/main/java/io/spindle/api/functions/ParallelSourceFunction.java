package io.spindle.api.functions;

/**
 * A source that can run as several parallel instances, each emitting its own share of the input:
 * it gets the job's default parallelism or the one set on it. Instances tell their share apart
 * by {@link RuntimeContext#getIndexOfThisSubtask()} and
 * {@link RuntimeContext#getNumberOfParallelSubtasks()} when the source is also a
 * {@link RichFunction}.
 */
public interface ParallelSourceFunction<T> extends SourceFunction<T> {}
