package io.spindle.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.api.JobClient;
import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SourceFunction;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.local.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FileSystem;

/**
 * The cleanup of a job that retained 10 checkpoints on the sandbox's HDFS (HADOOP_CONF_DIR): from
 * the job's end to the Dispatcher reporting its cleanup COMPLETED (every step: the job-result
 * entry, the checkpoint directory, the HA data, the clean mark). The baseline, in the same round:
 * one recursive {@code FileSystem.delete} of the same kind of directory, the 10 checkpoints a
 * twin job kept when it was cancelled with RETAIN_ON_CANCELLATION.
 */
public final class CleanupBenchmark {
    private static final int RETAINED = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CleanupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        Path confDir = Path.of(System.getenv("HADOOP_CONF_DIR"));
        hadoop.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("core-site.xml").toUri()));
        hadoop.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("hdfs-site.xml").toUri()));
        FileSystem fs = FileSystem.get(hadoop);
        String base = fs.makeQualified(new org.apache.hadoop.fs.Path("/bench-cleanup-" + System.nanoTime())).toString();
        List<Double> cleanups = new ArrayList<>();
        List<Double> baselines = new ArrayList<>();
        long files = 0;
        try (LocalCluster cluster = LocalCluster.start(1, 2, new Configuration())) {
            for (int round = 0; round < rounds; round++) {
                JobID twin = runUntilRetained(cluster, base, "RETAIN_ON_CANCELLATION");
                cluster.getDispatcher().cancelJob(twin).get(30, TimeUnit.SECONDS);
                org.apache.hadoop.fs.Path kept = new org.apache.hadoop.fs.Path(base, twin.toHexString());
                BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(60), "the twin's cleanup",
                        () -> "COMPLETED".equals(cleanupStatus(cluster.getDispatcher(), twin)));
                files = countFiles(fs, kept);
                long start = System.nanoTime();
                fs.delete(kept, true);
                baselines.add((System.nanoTime() - start) / 1e6);

                JobID finished = runUntilRetained(cluster, base, "DELETE_ON_CANCELLATION");
                EndOfInput.END.set(true);
                cluster.getDispatcher().requestJobResult(finished, Duration.ofSeconds(60)).get(60, TimeUnit.SECONDS);
                long ended = System.nanoTime();
                BenchSupport.secondsUntil(ended, Duration.ofSeconds(60), "the cleanup",
                        () -> "COMPLETED".equals(cleanupStatus(cluster.getDispatcher(), finished)));
                cleanups.add((System.nanoTime() - ended) / 1e6);
                if (fs.exists(new org.apache.hadoop.fs.Path(base, finished.toHexString()))) {
                    throw new IllegalStateException("the cleanup left the checkpoints of " + finished);
                }
            }
        } finally {
            fs.delete(new org.apache.hadoop.fs.Path(base), true);
        }
        double cleanup = median(cleanups);
        double baseline = median(baselines);
        System.out.printf("spindle CLEANUP retained_checkpoints=%d files=%d cleanup_ms_median=%.1f"
                        + " baseline_delete_ms_median=%.1f ratio=%.2f rounds=%s baselines=%s%n",
                RETAINED, files, cleanup, baseline, cleanup / baseline, cleanups, baselines);
    }

    /** Runs the job until it has retained {@value #RETAINED} checkpoints (and taken one more). */
    private static JobID runUntilRetained(LocalCluster cluster, String base, String retention) throws Exception {
        EndOfInput.END.set(false);
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
        env.enableCheckpointing(100);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, base);
        env.getConfiguration().setString(CheckpointingOptions.NUM_RETAINED.key(), String.valueOf(RETAINED));
        env.getConfiguration().setString(CheckpointingOptions.EXTERNALIZED_RETENTION.key(), retention);
        env.addSource(new EndOfInput(), "counter").keyBy(value -> value % 1_000).process(new Count())
                .addSink(new DiscardingSink<>());
        JobClient client = env.executeAsync("cleanup benchmark");
        JobID jobId = client.getJobID();
        BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(120), RETAINED + 1 + " checkpoints", () ->
                JSON.readTree(cluster.getDispatcher().requestCheckpointStats(jobId).get(10, TimeUnit.SECONDS).getJson())
                        .path("counts").path("completed").asInt() > RETAINED);
        return jobId;
    }

    private static String cleanupStatus(DispatcherGateway dispatcher, JobID jobId) throws Exception {
        return dispatcher.requestJobDetails(jobId).get(10, TimeUnit.SECONDS).getCleanup().getStatus();
    }

    private static long countFiles(FileSystem fs, org.apache.hadoop.fs.Path directory) throws Exception {
        long count = 0;
        var files = fs.listFiles(directory, true);
        while (files.hasNext()) {
            files.next();
            count++;
        }
        return count;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Counts up until told to end; static, as the LocalCluster runs the task in this JVM. */
    static final class EndOfInput implements SourceFunction<Long> {
        static final AtomicBoolean END = new AtomicBoolean();
        private volatile boolean cancelled;

        @Override
        public void run(SourceContext<Long> ctx) throws InterruptedException {
            long next = 0;
            while (!cancelled && !END.get()) {
                for (int i = 0; i < 100; i++) {
                    ctx.collect(next++);
                }
                Thread.sleep(1);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /** Keyed state for the checkpoints to hold: a count per key. */
    static final class Count extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<Long> out) throws Exception {
            Long current = count.value();
            count.update(current == null ? 1 : current + 1);
        }
    }
}
