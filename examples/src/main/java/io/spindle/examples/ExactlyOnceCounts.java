package io.spindle.examples;

import io.spindle.api.ParameterTool;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.filesink.FileSink;
import io.spindle.api.connectors.filesink.SimpleStringEncoder;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;

/**
 * A job whose output can be checked exactly after failures: the numbers 1..{@code --records}
 * (default 1,000,000), keyed by {@code value % --keys} (default 16), each written with its key's
 * running count ({@code key,value,count}) to {@code --output} through the exactly-once FileSink.
 * {@code --rate} caps the records per second of each source instance (default unlimited), so a
 * job lasts long enough to lose a TaskManager mid-way. Checkpointing comes from the
 * configuration ({@code execution.checkpointing.interval}, {@code .dir}); without it the sink
 * commits at the end of the input.
 *
 * <p>Exact output: every value once, and per key the counts 1..n once each.
 */
public final class ExactlyOnceCounts {
    private ExactlyOnceCounts() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        if (params.has("parallelism")) {
            env.setParallelism(params.getInt("parallelism", 1));
        }
        long records = params.getLong("records", 1_000_000);
        long keys = params.getLong("keys", 16);
        long rate = params.getLong("rate", 0);
        String output = params.get("output");
        if (output == null) {
            throw new IllegalArgumentException("--output is required: the directory (hdfs://, file://) the counts go to");
        }
        env.fromSequence(1, records)
                .map(new Throttle(rate))
                .keyBy(value -> value % keys)
                .process(new CountPerKey(keys))
                .sinkTo(FileSink.forRowFormat(output, new SimpleStringEncoder<String>()).build());
        env.execute("Exactly-once counts");
    }

    /** Passes values on at most {@code perSecond} a second (0: as fast as they come). */
    static final class Throttle implements MapFunction<Long, Long> {
        private final long perSecond;
        private transient long windowStart;
        private transient long inWindow;

        Throttle(long perSecond) {
            this.perSecond = perSecond;
        }

        @Override
        public Long map(Long value) throws InterruptedException {
            if (perSecond > 0) {
                long now = System.nanoTime();
                if (now - windowStart >= 10_000_000L) {
                    windowStart = now;
                    inWindow = 0;
                } else if (++inWindow >= Math.max(1, perSecond / 100)) {
                    Thread.sleep(Math.max(1, (10_000_000L - (now - windowStart)) / 1_000_000L));
                }
            }
            return value;
        }
    }

    /** {@code key,value,count} with the key's running count in keyed state. */
    static final class CountPerKey extends KeyedProcessFunction<Long, Long, String> {
        private final long keys;
        private transient ValueState<Long> count;

        CountPerKey(long keys) {
            this.keys = keys;
        }

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) throws Exception {
            long next = count.value() + 1;
            count.update(next);
            out.collect((value % keys) + "," + value + "," + next);
        }
    }
}
