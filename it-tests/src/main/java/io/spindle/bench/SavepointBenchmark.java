package io.spindle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.api.JobClient;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SourceFunction;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.tuple.Tuple2;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.checkpoint.StateRecoveryOptions;
import io.spindle.runtime.local.LocalCluster;
import io.spindle.util.HadoopFileSystems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Savepoints of a large keyed state and checkpoints under backpressure, on a LocalCluster.
 *
 * <p>Savepoint: {@code keys} keys (default 10 M) of 100 bytes are loaded, then a savepoint is
 * taken into each target directory given (default a {@code file://} one): its duration and size,
 * the target file system's sequential write bandwidth measured in the same run, and the time to
 * restore the job from it (submission to the first record processed with the state loaded).
 *
 * <p>Backpressure: an operator taking 1 ms per 100-byte record behind a keyed exchange; the
 * median end-to-end duration of the checkpoints taken in 20 s, aligned and then unaligned.
 */
public final class SavepointBenchmark {
    private static final String VALUE = "v".repeat(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavepointBenchmark() {}

    public static void main(String[] args) throws Exception {
        long keys = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        List<String> targets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            targets.add(args[i]);
        }
        if (targets.isEmpty()) {
            targets.add(java.nio.file.Files.createTempDirectory("spindle-bench-savepoints").toUri().toString());
        }
        try (LocalCluster cluster = LocalCluster.start(2, 2, new Configuration())) {
            for (String target : targets) {
                savepointAndRestore(cluster, keys, target);
            }
            for (boolean unaligned : new boolean[] {false, true}) {
                checkpointsUnderBackpressure(cluster, unaligned, targets.get(0));
            }
        }
    }

    private static void savepointAndRestore(LocalCluster cluster, long keys, String target) throws Exception {
        KeepLatest.LOADED.set(0);
        KeepLatest.FIRST_RECORD_NANOS.set(0);
        JobClient loaded = job(cluster, keys, null).executeAsync("large state");
        long loadDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (KeepLatest.LOADED.get() < keys) {
            if (System.nanoTime() > loadDeadline || loaded.getJobExecutionResult().isDone()) {
                throw new IllegalStateException("The large state job loaded " + KeepLatest.LOADED.get() + " of " + keys
                        + " keys and then stopped (its log says why; a GC pause longer than heartbeat.timeout fails it)");
            }
            Thread.sleep(100);
        }
        // Page-cache writeback makes one probe swing by a factor of two or more: the median of three,
        // taken with the state loaded, as the savepoint then runs.
        double bandwidth = medianOfThree(() -> sequentialWriteBytesPerSecond(new Path(target, "bandwidth-probe"), 1L << 30));
        long start = System.nanoTime();
        String savepoint = loaded.triggerSavepoint(target).get(30, TimeUnit.MINUTES);
        double savepointSeconds = (System.nanoTime() - start) / 1e9;
        loaded.cancel().get(1, TimeUnit.MINUTES);
        Path path = new Path(savepoint);
        long bytes = HadoopFileSystems.forPath(path).getContentSummary(path).getLength();

        KeepLatest.FIRST_RECORD_NANOS.set(0);
        long restoreStart = System.nanoTime();
        JobClient restored = job(cluster, keys, savepoint).executeAsync("restored large state");
        while (KeepLatest.FIRST_RECORD_NANOS.get() == 0) {
            Thread.sleep(10);
        }
        double restoreSeconds = (KeepLatest.FIRST_RECORD_NANOS.get() - restoreStart) / 1e9;
        restored.cancel().get(1, TimeUnit.MINUTES);
        HadoopFileSystems.forPath(path).delete(path, true);
        System.out.printf("spindle SAVEPOINT fs=%s keys=%d bytes=%d savepoint_s=%.2f restore_s=%.2f"
                        + " savepoint_mb_per_sec=%.0f fs_write_mb_per_sec=%.0f savepoint_write_share=%.2f%n",
                path.toUri().getScheme(), keys, bytes, savepointSeconds, restoreSeconds, bytes / savepointSeconds / 1e6,
                bandwidth / 1e6, bytes / savepointSeconds / bandwidth);
    }

    /** The keyed state job, started from {@code savepointOrNull} when given (its source then emits one key only). */
    private static StreamEnvironment job(LocalCluster cluster, long keys, String savepointOrNull) {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(1);
        if (savepointOrNull != null) {
            env.getConfiguration().set(StateRecoveryOptions.PATH, savepointOrNull);
        }
        env.getConfiguration().set(CheckpointingOptions.TIMEOUT, java.time.Duration.ofMinutes(30));
        env.addSource(new LoadThenIdle(savepointOrNull == null ? keys : 1), "keys").uid("keys")
                .keyBy(pair -> pair.f0)
                .process(new KeepLatest()).uid("latest")
                .addSink(new DiscardingSink<>());
        return env;
    }

    private static void checkpointsUnderBackpressure(LocalCluster cluster, boolean unaligned, String directory)
            throws Exception {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2).enableCheckpointing(1_000);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, directory);
        env.getConfiguration().set(CheckpointingOptions.UNALIGNED, unaligned);
        env.fromSequence(1, Long.MAX_VALUE)
                .map(value -> value + VALUE)
                .keyBy(line -> line.length() + line.charAt(0))
                .map(new Slow())
                .addSink(new DiscardingSink<>());
        JobClient job = env.executeAsync("backpressure");
        Thread.sleep(20_000);
        JsonNode history = JSON.readTree(cluster.getDispatcher().requestCheckpointStats(job.getJobID())
                .get(10, TimeUnit.SECONDS).getJson()).get("checkpoints").get("history");
        job.cancel().get(1, TimeUnit.MINUTES);
        List<Long> durations = new ArrayList<>();
        long largest = 0;
        for (JsonNode checkpoint : history) {
            if ("COMPLETED".equals(checkpoint.get("status").asText())) {
                durations.add(checkpoint.get("end_to_end_duration").asLong());
                largest = Math.max(largest, checkpoint.get("state_size").asLong());
            }
        }
        durations.sort(null);
        System.out.printf("spindle BACKPRESSURE %s checkpoints=%d duration_ms_median=%d duration_ms_max=%d"
                        + " largest_bytes=%d%n", unaligned ? "unaligned" : "aligned", durations.size(),
                durations.isEmpty() ? -1 : durations.get(durations.size() / 2),
                durations.isEmpty() ? -1 : durations.get(durations.size() - 1), largest);
    }

    private interface Probe {
        double measure() throws Exception;
    }

    private static double medianOfThree(Probe probe) throws Exception {
        double[] results = {probe.measure(), probe.measure(), probe.measure()};
        Arrays.sort(results);
        return results[1];
    }

    /** Writes {@code bytes} through the target's file system and syncs them: what it takes sequentially. */
    private static double sequentialWriteBytesPerSecond(Path file, long bytes) throws Exception {
        FileSystem fs = HadoopFileSystems.forPath(file);
        byte[] block = new byte[1 << 20];
        long start = System.nanoTime();
        try (var out = fs.create(file, true)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block);
            }
            out.hsync();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        fs.delete(file, false);
        return bytes / seconds;
    }

    /** Every key once, then key 0 again every 10 ms until cancelled (the state stays at its size). */
    static final class LoadThenIdle implements SourceFunction<Tuple2<Long, String>> {
        private final long keys;
        private volatile boolean cancelled;

        LoadThenIdle(long keys) {
            this.keys = keys;
        }

        @Override
        public void run(SourceContext<Tuple2<Long, String>> ctx) throws InterruptedException {
            for (long key = 0; key < keys && !cancelled; key++) {
                ctx.collect(Tuple2.of(key, VALUE));
            }
            // Keeps emitting (one key, again and again): a source task takes its snapshot between two records.
            while (!cancelled) {
                ctx.collect(Tuple2.of(0L, VALUE));
                Thread.sleep(10);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /** Keeps each key's latest value; counts the records and notes when the first one came (static: one JVM). */
    static final class KeepLatest extends KeyedProcessFunction<Long, Tuple2<Long, String>, Long> {
        static final AtomicLong LOADED = new AtomicLong();
        static final AtomicLong FIRST_RECORD_NANOS = new AtomicLong();
        private transient ValueState<String> latest;

        @Override
        public void open(RuntimeContext context) {
            latest = context.getState(new ValueStateDescriptor<>("latest", String.class));
        }

        @Override
        public void processElement(Tuple2<Long, String> pair, Context<Long> ctx, Collector<Long> out) throws Exception {
            latest.update(pair.f1);
            FIRST_RECORD_NANOS.compareAndSet(0, System.nanoTime());
            LOADED.incrementAndGet();
        }
    }

    /** A millisecond per record: far slower than the source, so the queues in front of it stay full. */
    static final class Slow implements MapFunction<String, String> {
        @Override
        public String map(String value) throws InterruptedException {
            Thread.sleep(1);
            return value;
        }
    }
}
