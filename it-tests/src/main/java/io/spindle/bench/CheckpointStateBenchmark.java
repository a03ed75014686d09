package io.spindle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SourceFunction;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.tuple.Tuple2;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.local.LocalCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checkpoints of a large keyed state on a LocalCluster: {@code keys} keys (default 10 M) with a
 * value of 100 bytes each, then updates of random keys for {@code seconds} while a checkpoint is
 * taken every {@code interval} ms to {@code file://}. Prints the checkpoints' size and their
 * end-to-end duration (median and p99) from the job's checkpoint statistics, the longest pause
 * between two records in the keyed operator once all keys are loaded (what a checkpoint's
 * synchronous part costs the job, along with any GC pause), and, measured in the same run, the
 * file system's sequential write bandwidth, so that the checkpoints' write rate can be read as a
 * share of it.
 */
public final class CheckpointStateBenchmark {
    private static final String VALUE = "v".repeat(100);

    private CheckpointStateBenchmark() {}

    public static void main(String[] args) throws Exception {
        long keys = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long interval = args.length > 2 ? Long.parseLong(args[2]) : 5_000;
        Path directory = Files.createTempDirectory("spindle-bench-state");
        double bandwidth = sequentialWriteBytesPerSecond(directory.resolve("bandwidth"), 1L << 30);
        try (LocalCluster cluster = LocalCluster.start(1, 1, new Configuration())) {
            StreamEnvironment env = cluster.createEnvironment().setParallelism(1);
            env.enableCheckpointing(interval);
            env.getConfiguration().set(CheckpointingOptions.DIRECTORY, directory.toUri().toString());
            env.getConfiguration().set(CheckpointingOptions.TIMEOUT, java.time.Duration.ofMinutes(5));
            env.addSource(new LoadThenUpdate(keys, seconds), "keys").keyBy(pair -> pair.f0)
                    .process(new KeepLatest(keys)).addSink(new DiscardingSink<>());
            JobExecutionResult result = env.execute("checkpointed large state");
            JsonNode stats = new ObjectMapper().readTree(cluster.getDispatcher().requestCheckpointStats(result.getJobID())
                    .get(30, TimeUnit.SECONDS).getJson()).get("checkpoints");
            report(keys, stats, bandwidth, KeepLatest.LONGEST_PAUSE_NANOS.get() / 1_000_000);
        }
    }

    private static void report(long keys, JsonNode stats, double bandwidth, long longestPauseMillis) {
        List<Long> durations = new ArrayList<>();
        long largest = 0;
        for (JsonNode checkpoint : stats.get("history")) {
            // Only checkpoints of the whole state: the first ones may fall into the loading phase.
            if ("COMPLETED".equals(checkpoint.get("status").asText())) {
                durations.add(checkpoint.get("end_to_end_duration").asLong());
                largest = Math.max(largest, checkpoint.get("state_size").asLong());
            }
        }
        long[] sorted = durations.stream().mapToLong(Long::longValue).sorted().toArray();
        long median = sorted.length == 0 ? -1 : sorted[sorted.length / 2];
        long p99 = sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
        double writeRate = sorted.length == 0 ? 0 : largest / (sorted[sorted.length - 1] / 1000.0);
        System.out.printf("spindle CHECKPOINT keys=%d checkpoints=%d largest_bytes=%d duration_ms_median=%d"
                        + " duration_ms_p99=%d longest_record_pause_ms=%d fs_write_mb_per_sec=%.0f checkpoint_write_share=%.2f"
                        + " durations=%s%n",
                keys, sorted.length, largest, median, p99, longestPauseMillis, bandwidth / 1e6, writeRate / bandwidth,
                Arrays.toString(sorted));
    }

    /** Writes {@code bytes} to a file and syncs it: what the file system takes sequentially. */
    private static double sequentialWriteBytesPerSecond(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block);
            }
        }
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(file);
        return bytes / seconds;
    }

    /** Every key once, then random updates for a while: the state stays at its full size while checkpoints run. */
    static final class LoadThenUpdate implements SourceFunction<Tuple2<Long, String>> {
        private final long keys;
        private final int seconds;
        private volatile boolean cancelled;

        LoadThenUpdate(long keys, int seconds) {
            this.keys = keys;
            this.seconds = seconds;
        }

        @Override
        public void run(SourceContext<Tuple2<Long, String>> ctx) throws InterruptedException {
            for (long key = 0; key < keys && !cancelled; key++) {
                ctx.collect(Tuple2.of(key, VALUE));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            java.util.SplittableRandom random = new java.util.SplittableRandom(42);
            while (!cancelled && System.nanoTime() < end) {
                for (int i = 0; i < 1_000; i++) {
                    ctx.collect(Tuple2.of(random.nextLong(keys), VALUE));
                }
                Thread.sleep(10);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /**
     * Keeps each key's latest value in keyed state; emits nothing. Notes the longest pause between
     * two records after the last key was loaded: the source emits every key in order first.
     */
    static final class KeepLatest extends KeyedProcessFunction<Long, Tuple2<Long, String>, Long> {
        /** Static: the LocalCluster runs the task in this JVM, and the function object is a deserialized copy. */
        static final AtomicLong LONGEST_PAUSE_NANOS = new AtomicLong();
        private final long keys;
        private transient ValueState<String> latest;
        private transient long lastRecordNanos;

        KeepLatest(long keys) {
            this.keys = keys;
        }

        @Override
        public void open(RuntimeContext context) {
            latest = context.getState(new ValueStateDescriptor<>("latest", String.class));
        }

        @Override
        public void processElement(Tuple2<Long, String> pair, Context<Long> ctx, Collector<Long> out) throws Exception {
            latest.update(pair.f1);
            long now = System.nanoTime();
            if (lastRecordNanos != 0 && now - lastRecordNanos > LONGEST_PAUSE_NANOS.get()) {
                LONGEST_PAUSE_NANOS.set(now - lastRecordNanos);
            }
            if (lastRecordNanos != 0 || pair.f0 == keys - 1) {
                lastRecordNanos = now;
            }
        }
    }
}
