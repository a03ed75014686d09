package io.spindle.api.functions;

/**
 * Produces records. A bounded source returns from {@link #run} when it is done; an unbounded
 * one runs until {@link #cancel} is called. Parallel instances may read
 * {@link RuntimeContext#getIndexOfThisSubtask()} when the source is also a {@link RichFunction}.
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
