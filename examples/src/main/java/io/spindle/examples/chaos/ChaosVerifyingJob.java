package io.spindle.examples.chaos;

import io.spindle.api.ParameterTool;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.filesink.FileSink;
import io.spindle.api.connectors.filesink.SimpleStringEncoder;
import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.tuple.Tuple4;
import io.spindle.api.windowing.TumblingEventTimeWindows;
import java.time.Duration;

/**
 * The job {@code scripts/chaos.sh} runs unless told otherwise: its committed output can be
 * checked exactly after any number of failures.
 *
 * <p>{@link InterleavedSequence} emits 1..{@code --records} (default 2,000,000), each number once,
 * at {@code --rate} numbers a second per source instance (default 0: unlimited) on a timetable
 * that starts at {@code --start-at} (epoch milliseconds, default now), with the number as its
 * event time in milliseconds. Two pipelines read it, keyed by {@code value % --keys}
 * (default 16):
 * <ul>
 *   <li>{@code <output>/counts}: every value with its key's running count from keyed state,
 *       {@code key,value,count};
 *   <li>{@code <output>/windows}: per key and tumbling event-time window of {@code --window-ms}
 *       (default 1000), {@code key,smallest value,count,sum}.
 * </ul>
 * Both go through the exactly-once FileSink. {@code --progress host:port} makes every counting
 * instance report the records it processes to a listener there (see {@link ProgressReporter}),
 * so that the chaos runner sees when records flow again after a fault.
 */
public final class ChaosVerifyingJob {
    private ChaosVerifyingJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        long records = params.getLong("records", 2_000_000);
        long keys = params.getLong("keys", 16);
        long windowMillis = params.getLong("window-ms", 1_000);
        long rate = params.getLong("rate", 0);
        long startAt = params.getLong("start-at", System.currentTimeMillis());
        String output = params.get("output");
        if (output == null) {
            throw new IllegalArgumentException("--output is required: the directory (hdfs://, file://) the results go to");
        }
        String progress = params.get("progress");

        StreamEnvironment env = StreamEnvironment.getEnvironment();
        if (params.has("parallelism")) {
            env.setParallelism(params.getInt("parallelism", 1));
        }
        var values = env.addSource(new InterleavedSequence(records, rate, startAt), "Interleaved sequence").uid("sequence")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ZERO)
                        .withTimestampAssigner((value, timestamp) -> value));
        values.keyBy(value -> value % keys)
                .process(new CountPerKey(keys, progress)).uid("counts")
                .sinkTo(FileSink.forRowFormat(output + "/counts", new SimpleStringEncoder<String>()).build())
                .uid("counts-sink");
        values.map(value -> Tuple4.of(value % keys, value, 1L, value))
                .keyBy(window -> window.f0)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(windowMillis)))
                .reduce((a, b) -> Tuple4.of(a.f0, Math.min(a.f1, b.f1), a.f2 + b.f2, a.f3 + b.f3)).uid("windows")
                .map(window -> window.f0 + "," + window.f1 + "," + window.f2 + "," + window.f3)
                .sinkTo(FileSink.forRowFormat(output + "/windows", new SimpleStringEncoder<String>()).build())
                .uid("windows-sink");
        env.execute("Chaos verifying job");
    }

    /** {@code key,value,count} with the key's running count in keyed state; reports progress when asked to. */
    static final class CountPerKey extends KeyedProcessFunction<Long, Long, String> {
        private final long keys;
        private final String progressAddress;
        private transient ValueState<Long> count;
        private transient ProgressReporter progress;

        CountPerKey(long keys, String progressAddress) {
            this.keys = keys;
            this.progressAddress = progressAddress;
        }

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
            progress = ProgressReporter.connect(progressAddress, context.getIndexOfThisSubtask());
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) throws Exception {
            long next = count.value() + 1;
            count.update(next);
            out.collect((value % keys) + "," + value + "," + next);
            progress.processed();
        }

        @Override
        public void close() {
            if (progress != null) {
                progress.close();
            }
        }
    }
}
