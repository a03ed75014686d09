package io.spindle.bench;

import io.spindle.api.functions.LongCounter;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SinkFunction;
import io.spindle.api.functions.MapFunction;

/**
 * Counts records and sums a long derived from each into the job's accumulators "records" and
 * "checksum", so a benchmark run proves it computed the right answer, not just a fast one.
 */
final class ChecksumSink<T> implements SinkFunction<T>, RichFunction {
    private final MapFunction<T, Long> checksumOf;
    private transient LongCounter records;
    private transient LongCounter checksum;

    ChecksumSink(MapFunction<T, Long> checksumOf) {
        this.checksumOf = checksumOf;
    }

    @Override
    public void open(RuntimeContext context) {
        records = context.getLongCounter("records");
        checksum = context.getLongCounter("checksum");
    }

    @Override
    public void invoke(T value) throws Exception {
        records.add(1);
        checksum.add(checksumOf.map(value));
    }
}
