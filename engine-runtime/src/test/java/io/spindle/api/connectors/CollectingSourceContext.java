package io.spindle.api.connectors;

import io.spindle.api.functions.SourceFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.function.Consumer;

/** Keeps what a source emits; an optional hook sees each record (to cancel after some, say). */
final class CollectingSourceContext<T> implements SourceFunction.SourceContext<T> {
    private final List<T> records;
    private final Consumer<List<T>> afterEachRecord;

    CollectingSourceContext() {
        this(records -> {});
    }

    CollectingSourceContext(Consumer<List<T>> afterEachRecord) {
        this.records = Collections.synchronizedList(new ArrayList<>());
        this.afterEachRecord = afterEachRecord;
    }

    @Override
    public void collect(T record) {
        records.add(record);
        afterEachRecord.accept(records);
    }

    @Override
    public void collectWithTimestamp(T record, long timestamp) {
        collect(record);
    }

    @Override
    public void emitWatermark(long watermark) {}

    List<T> records() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }
}
