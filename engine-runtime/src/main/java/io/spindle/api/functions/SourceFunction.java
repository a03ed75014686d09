package io.spindle.api.functions;

/**
 * Produces records. A bounded source returns from {@link #run} when it is done; an unbounded
 * one runs until {@link #cancel} is called.
 *
 * <p>A plain {@code SourceFunction} runs as a single instance (parallelism 1), whatever the
 * default parallelism of the job, and asking for more with {@code setParallelism} fails when the
 * pipeline is built. A source whose input can be divided among instances implements
 * {@link ParallelSourceFunction} (or extends {@link RichParallelSourceFunction}) instead.
 */
public interface SourceFunction<T> extends Function {
    void run(SourceContext<T> ctx) throws Exception;

    /** Called from another thread; {@link #run} must return soon after. */
    void cancel();

    /** Where a source emits records, timestamps and watermarks. */
    interface SourceContext<T> {
        void collect(T record);

        void collectWithTimestamp(T record, long timestamp);

        void emitWatermark(long watermark);
    }
}
