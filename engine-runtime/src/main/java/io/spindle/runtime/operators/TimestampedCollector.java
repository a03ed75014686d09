package io.spindle.runtime.operators;

import io.spindle.api.functions.Collector;

/**
 * The collector handed to user functions: wraps each value in one reused {@link StreamRecord}
 * with the timestamp the operator set, and passes it to the output.
 */
final class TimestampedCollector<T> implements Collector<T> {
    private final Output<T> output;
    private final StreamRecord<T> reuse = new StreamRecord<>(null);

    TimestampedCollector(Output<T> output) {
        this.output = output;
    }

    /** Stamps following records with {@code timestamp}, which may be {@link StreamRecord#NO_TIMESTAMP}. */
    void setTimestamp(long timestamp) {
        reuse.setTimestamp(timestamp);
    }

    @Override
    public void collect(T record) {
        output.collect(reuse.replace(record));
    }
}
