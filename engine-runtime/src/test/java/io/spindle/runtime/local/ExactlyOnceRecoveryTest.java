package io.spindle.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.StreamEnvironment;
import io.spindle.api.checkpoint.CheckpointListener;
import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.api.checkpoint.FunctionInitializationContext;
import io.spindle.api.checkpoint.FunctionSnapshotContext;
import io.spindle.api.connectors.filesink.BasePathBucketAssigner;
import io.spindle.api.connectors.filesink.FileSink;
import io.spindle.api.connectors.filesink.SimpleStringEncoder;
import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SinkFunction;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.tuple.Tuple2;
import io.spindle.api.windowing.TumblingEventTimeWindows;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-tolerance proof on a LocalCluster, as Flink's recovery ITs: a deterministic source,
 * keyed state, event-time windows and the exactly-once FileSink, with failures thrown in a map,
 * in a snapshot, in a restore and in the sink, one per attempt, each after a checkpoint
 * completed. The committed output must hold every record exactly once, every per-key count
 * exactly once, and every window's exact sum.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExactlyOnceRecoveryTest {
    private static final long RECORDS = 60_000;
    private static final int KEYS = 8;
    private static final long WINDOW = 1_000;
    private static LocalCluster cluster;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(2, 2, new Configuration());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void failuresInAMapASnapshotARestoreAndTheSinkLeaveTheCommittedOutputExact() throws Exception {
        Path records = dir.resolve("records");
        Path windows = dir.resolve("windows");
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2).enableCheckpointing(30);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, dir.resolve("checkpoints").toUri().toString());
        env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
        env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "10");
        env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "20 ms");

        var keyed = env.fromSequence(1, RECORDS)
                .map(new Faults())
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<Long, Long>>forBoundedOutOfOrderness(
                        Duration.ZERO).withTimestampAssigner((event, ts) -> event.f1));
        keyed.keyBy(event -> event.f0)
                .process(new NumberPerKey())
                .addSink(new FailingInAttempt<>(3, lines(records)));
        keyed.keyBy(event -> event.f0)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW)))
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .map(sum -> sum.f0 + "," + sum.f1)
                .sinkTo(lines(windows));

        env.execute("exactly once under failures");

        assertThat(Faults.INJECTED.keySet()).as("faults injected").contains("map", "snapshot", "restore", "sink");
        // Every record exactly once, and per key the counts 1..n exactly once each.
        Map<Long, List<Long>> countsPerKey = new HashMap<>();
        List<Long> values = new ArrayList<>();
        for (String line : committedLines(records)) {
            String[] fields = line.split(",");
            values.add(Long.parseLong(fields[1]));
            countsPerKey.computeIfAbsent(Long.parseLong(fields[0]), k -> new ArrayList<>()).add(Long.parseLong(fields[2]));
        }
        assertThat(values).hasSize((int) RECORDS).doesNotHaveDuplicates();
        assertThat(values.stream().mapToLong(Long::longValue).sum()).isEqualTo(RECORDS * (RECORDS + 1) / 2);
        for (long key = 0; key < KEYS; key++) {
            List<Long> counts = countsPerKey.get(key);
            long expected = RECORDS / KEYS + (key != 0 && key <= RECORDS % KEYS ? 1 : 0);
            assertThat(counts).as("counts of key " + key).hasSize((int) expected).doesNotHaveDuplicates();
            assertThat(counts.stream().mapToLong(Long::longValue).max().orElse(0)).isEqualTo(expected);
        }
        // Every window of every key exactly once, with its exact sum.
        Map<String, Long> expectedWindows = new HashMap<>();
        for (long v = 1; v <= RECORDS; v++) {
            expectedWindows.merge((v % KEYS) + "," + (v / WINDOW), v, Long::sum);
        }
        Map<String, Long> actualWindows = new HashMap<>();
        for (String line : committedLines(windows)) {
            String[] fields = line.split(",");
            long sum = Long.parseLong(fields[1]);
            // The window of a sum is the window of any of its values: the smallest is at least its start.
            String window = fields[0] + "," + windowOfSum(Long.parseLong(fields[0]), sum);
            assertThat(actualWindows.put(window, sum)).as("window " + window + " once").isNull();
        }
        assertThat(actualWindows).isEqualTo(expectedWindows);
        assertThat(hiddenFiles(records)).isEmpty();
        assertThat(hiddenFiles(windows)).isEmpty();
    }

    @Test
    void windowsThatFireOnlyWhenTheInputEndsAreCommittedBeforeTheJobFinishes() throws Exception {
        Path output = dir.resolve("processing-time-windows");
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2).enableCheckpointing(30);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, dir.resolve("checkpoints").toUri().toString());
        env.fromSequence(1, 10_000)
                .map(v -> Tuple2.of(v % KEYS, v))
                .keyBy(pair -> pair.f0)
                .window(io.spindle.api.windowing.TumblingProcessingTimeWindows.of(Duration.ofHours(1)))
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .map(sum -> sum.f0 + "," + sum.f1)
                .rebalance()
                .sinkTo(lines(output));

        env.execute("windows fired at the end");

        Map<String, Long> sums = new HashMap<>();
        for (String line : committedLines(output)) {
            sums.merge(line.split(",")[0], Long.parseLong(line.split(",")[1]), Long::sum);
        }
        Map<String, Long> expected = new HashMap<>();
        for (long v = 1; v <= 10_000; v++) {
            expected.merge(String.valueOf(v % KEYS), v, Long::sum);
        }
        assertThat(sums).isEqualTo(expected);
        assertThat(hiddenFiles(output)).isEmpty();
    }

    /**
     * Unaligned checkpoints under backpressure (a slow keyed operator behind the exchange), so
     * every checkpoint keeps in-flight data, with a failure after one completed: the restored run
     * replays that data, and the committed output holds every record and count exactly once.
     */
    @Test
    void aJobRestoredFromUnalignedCheckpointsWithInFlightDataCommitsEveryRecordOnce() throws Exception {
        long records = 60_000;
        Path output = dir.resolve("unaligned");
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2).enableCheckpointing(100);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, dir.resolve("unaligned-checkpoints").toUri().toString());
        env.getConfiguration().set(CheckpointingOptions.UNALIGNED, true);
        env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
        env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "3");
        env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "20 ms");
        env.fromSequence(1, records)
                .map(v -> Tuple2.of(v % KEYS, v))
                .keyBy(pair -> pair.f0)
                .process(new SlowNumberPerKey())
                .rebalance()
                .sinkTo(lines(output));

        env.execute("unaligned under failures");

        assertThat(SlowNumberPerKey.FAILED.get()).as("the failure was injected").isTrue();
        List<Long> values = new ArrayList<>();
        Map<Long, List<Long>> countsPerKey = new HashMap<>();
        for (String line : committedLines(output)) {
            String[] fields = line.split(",");
            values.add(Long.parseLong(fields[1]));
            countsPerKey.computeIfAbsent(Long.parseLong(fields[0]), k -> new ArrayList<>()).add(Long.parseLong(fields[2]));
        }
        assertThat(values).hasSize((int) records).doesNotHaveDuplicates();
        countsPerKey.forEach((key, counts) -> assertThat(counts).as("counts of key " + key).doesNotHaveDuplicates()
                .hasSize((int) (long) counts.stream().mapToLong(Long::longValue).max().orElse(0)));
        assertThat(hiddenFiles(output)).isEmpty();
    }

    /** NumberPerKey, slow enough to backpressure its input; attempt 0 fails once after two checkpoints completed. */
    static final class SlowNumberPerKey extends KeyedProcessFunction<Long, Tuple2<Long, Long>, String>
            implements CheckpointListener {
        static final java.util.concurrent.atomic.AtomicBoolean FAILED = new java.util.concurrent.atomic.AtomicBoolean();
        private transient ValueState<Long> count;
        private transient int attempt;
        private transient int checkpointsCompleted;
        private transient long seen;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
            attempt = context.getAttemptNumber();
        }

        @Override
        public void processElement(Tuple2<Long, Long> event, Context<Long> ctx, Collector<String> out) throws Exception {
            if (++seen % 10 == 0) {
                Thread.sleep(1);
            }
            if (attempt == 0 && checkpointsCompleted >= 2 && seen % 7 == 0 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure behind an unaligned checkpoint");
            }
            long next = count.value() + 1;
            count.update(next);
            out.collect(event.f0 + "," + event.f1 + "," + next);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointsCompleted++;
        }
    }

    /** Which window of {@code key} has this sum; sums of different windows of one key differ. */
    private static long windowOfSum(long key, long sum) {
        for (long window = 0; window <= RECORDS / WINDOW; window++) {
            long expected = 0;
            for (long v = Math.max(1, window * WINDOW); v < (window + 1) * WINDOW && v <= RECORDS; v++) {
                if (v % KEYS == key) {
                    expected += v;
                }
            }
            if (expected == sum) {
                return window;
            }
        }
        throw new AssertionError("no window of key " + key + " sums to " + sum);
    }

    private static FileSink<String> lines(Path output) {
        return FileSink.forRowFormat(output.toUri().toString(), new SimpleStringEncoder<String>())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .build();
    }

    private static List<String> committedLines(Path output) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    private static List<Path> hiddenFiles(Path output) throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }

    /**
     * (value mod 8, value), slowed in the attempts that fail so checkpoints complete first. Attempt
     * 0 throws in map(), attempt 1 in a snapshot, attempt 2 in the restore; attempt 3's sink throws.
     * Each only after a checkpoint of its attempt completed (the restore fault: at once).
     */
    static final class Faults implements MapFunction<Long, Tuple2<Long, Long>>, RichFunction, CheckpointListener,
            CheckpointedFunction {
        static final Map<String, Boolean> INJECTED = new ConcurrentHashMap<>();

        private transient int attempt;
        private transient int subtask;
        private transient volatile boolean checkpointCompleted;
        private transient long seen;

        @Override
        public void initializeState(FunctionInitializationContext context) {
            if (context.isRestored() && INJECTED.containsKey("snapshot") && INJECTED.putIfAbsent("restore", true) == null) {
                throw new IllegalStateException("injected failure during a restore");
            }
        }

        @Override
        public void open(RuntimeContext context) {
            attempt = context.getAttemptNumber();
            subtask = context.getIndexOfThisSubtask();
        }

        @Override
        public Tuple2<Long, Long> map(Long value) throws Exception {
            if (attempt <= 3 && ++seen % 50 == 0) {
                Thread.sleep(1);
            }
            if (attempt == 0 && subtask == 0 && checkpointCompleted && seen % 37 == 0) {
                INJECTED.put("map", true);
                throw new IllegalStateException("injected failure in a map");
            }
            return Tuple2.of(value % KEYS, value);
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            if (attempt == 1 && subtask == 1 && checkpointCompleted && INJECTED.putIfAbsent("snapshot", true) == null) {
                throw new IllegalStateException("injected failure during a snapshot");
            }
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointCompleted = true;
        }
    }

    /** "key,value,count": the count of the key so far, kept in keyed state. */
    static final class NumberPerKey extends KeyedProcessFunction<Long, Tuple2<Long, Long>, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
        }

        @Override
        public void processElement(Tuple2<Long, Long> event, Context<Long> ctx, Collector<String> out) throws Exception {
            long next = count.value() + 1;
            count.update(next);
            out.collect(event.f0 + "," + event.f1 + "," + next);
        }
    }

    /** The FileSink, throwing once in {@code attempt} after a checkpoint of that attempt completed. */
    static final class FailingInAttempt<T> implements SinkFunction<T>, RichFunction, CheckpointedFunction,
            CheckpointListener {
        private final int failingAttempt;
        private final FileSink<T> sink;
        private transient int attempt;
        private transient boolean checkpointCompleted;
        private transient long seen;

        FailingInAttempt(int failingAttempt, FileSink<T> sink) {
            this.failingAttempt = failingAttempt;
            this.sink = sink;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            sink.initializeState(context);
        }

        @Override
        public void open(RuntimeContext context) throws Exception {
            attempt = context.getAttemptNumber();
            sink.open(context);
        }

        @Override
        public void invoke(T value) throws Exception {
            if (attempt == failingAttempt && checkpointCompleted && ++seen % 41 == 0
                    && Faults.INJECTED.putIfAbsent("sink", true) == null) {
                throw new IllegalStateException("injected failure in the sink");
            }
            sink.invoke(value);
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            sink.snapshotState(context);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            checkpointCompleted = true;
            sink.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void finish() throws Exception {
            sink.finish();
        }

        @Override
        public void close() throws Exception {
            sink.close();
        }
    }
}
