package io.spindle.bench;

import io.spindle.api.JobExecutionResult;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.Collector;
import io.spindle.api.tuple.Tuple2;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.local.LocalCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The throughput workloads on a warm LocalCluster (one TaskManager with 2 slots): each at
 * parallelism 1 and 2 (or the one given), one warm-up run then the median of three, each run's
 * record count and checksum verified. Prints {@code spindle WORKLOAD N=... P=... seconds=...
 * records_per_sec=...} and the ratio to Apache Flink 1.20's figures measured on this machine
 * kind. {@code scripts/bench.sh} runs each workload and parallelism in a JVM of its own, as the
 * Flink harness does, so no workload profits from another's warm-up.
 *
 * <p>W1 stateless map and filter; W2 keyed rolling sums over 10,000 keys; W3 word count; W4 is
 * W2 with an exactly-once checkpoint every second to {@code file://}. {@code W4/W2} runs those two
 * alternately in one JVM and prints the ratio of their throughputs: what the checkpoints cost.
 */
public final class LocalClusterBenchmark {
    /** Flink 1.20 records (lines for W3) per second at P=1 and P=2, and its empty-job seconds. */
    private static final double[][] FLINK = {{22.7e6, 24.3e6}, {5.8e6, 5.8e6}, {0.56e6, 0.59e6}, {5.2e6, 6.8e6}};
    private static final double FLINK_EMPTY_JOB_SECONDS = 1.18;

    private interface Workload {
        JobExecutionResult run(StreamEnvironment env, long n) throws Exception;
    }

    private record Expected(long records, long checksum) {}

    private LocalClusterBenchmark() {}

    public static void main(String[] args) throws Exception {
        long scale = args.length > 0 ? Long.parseLong(args[0]) : 1;
        String only = args.length > 1 ? args[1] : "";
        int firstP = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int lastP = args.length > 2 ? firstP : 2;
        long n12 = 50_000_000L / scale;
        long n3 = 5_000_000L / scale;
        java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("spindle-bench-checkpoints");
        try (LocalCluster cluster = LocalCluster.start(1, 2, new Configuration())) {
            for (int p = firstP; p <= lastP && selected(only, "W1"); p++) {
                measure(cluster, "W1", 0, n12, p, LocalClusterBenchmark::stateless, expectedStateless(n12));
            }
            for (int p = firstP; p <= lastP && selected(only, "W2"); p++) {
                measure(cluster, "W2", 1, n12, p, LocalClusterBenchmark::keyed, expectedKeyed(n12));
            }
            Expected w3 = selected(only, "W3") ? expectedWordCount(n3) : null;
            for (int p = firstP; p <= lastP && w3 != null; p++) {
                measure(cluster, "W3", 2, n3, p, LocalClusterBenchmark::wordCount, w3);
            }
            for (int p = firstP; p <= lastP && selected(only, "W4"); p++) {
                measure(cluster, "W4", 3, n12, p, (env, n) -> checkpointedKeyed(env, n, checkpoints), expectedKeyed(n12));
            }
            for (int p = firstP; p <= lastP && only.equalsIgnoreCase("W4/W2"); p++) {
                checkpointCost(cluster, n12, p, checkpoints);
            }
            if (selected(only, "EMPTY")) {
                emptyJob(cluster);
            }
        } finally {
            io.spindle.util.FileUtils.deleteRecursively(checkpoints);
        }
    }

    private static boolean selected(String only, String workload) {
        return only.isEmpty() || only.equalsIgnoreCase(workload);
    }

    private static JobExecutionResult stateless(StreamEnvironment env, long n) throws Exception {
        env.fromSequence(1, n).map(x -> x * 2).filter(x -> x % 3 != 0).addSink(new ChecksumSink<>(x -> x));
        return env.execute("W1 stateless");
    }

    private static JobExecutionResult keyed(StreamEnvironment env, long n) throws Exception {
        env.fromSequence(1, n).map(x -> Tuple2.of(x % 10_000, 1L)).keyBy(t -> t.f0).sum(1)
                .addSink(new ChecksumSink<>(t -> t.f1));
        return env.execute("W2 keyed");
    }

    private static JobExecutionResult checkpointedKeyed(StreamEnvironment env, long n, java.nio.file.Path checkpoints)
            throws Exception {
        env.enableCheckpointing(1_000);
        env.getConfiguration().set(io.spindle.runtime.checkpoint.CheckpointingOptions.DIRECTORY,
                checkpoints.toUri().toString());
        env.fromSequence(1, n).map(x -> Tuple2.of(x % 10_000, 1L)).keyBy(t -> t.f0).sum(1)
                .addSink(new ChecksumSink<>(t -> t.f1));
        return env.execute("W4 keyed, checkpointed");
    }

    private static JobExecutionResult wordCount(StreamEnvironment env, long n) throws Exception {
        env.addSource(new GeneratedLinesSource(n), "Generated lines")
                .flatMap((String line, Collector<Tuple2<String, Long>> out) -> {
                    int start = 0;
                    for (int i = 0; i <= line.length(); i++) {
                        if (i == line.length() || line.charAt(i) == ' ') {
                            out.collect(Tuple2.of(line.substring(start, i), 1L));
                            start = i + 1;
                        }
                    }
                })
                .keyBy(t -> t.f0).sum(1)
                .addSink(new ChecksumSink<>(t -> t.f1));
        return env.execute("W3 wordcount");
    }

    private static void measure(LocalCluster cluster, String name, int flinkRow, long n, int parallelism,
            Workload workload, Expected expected) throws Exception {
        double[] seconds = new double[4];
        for (int run = 0; run < seconds.length; run++) {
            seconds[run] = timed(cluster, parallelism, name, n, workload, expected);
        }
        double median = median(Arrays.copyOfRange(seconds, 1, seconds.length));
        double perSecond = n / median;
        // The measured runs too: a noisy machine shows as spread, a slow JVM as all three slow.
        System.out.printf("spindle %s N=%d P=%d seconds=%.3f records_per_sec=%.0f vs_flink=%.2fx runs=%.2f/%.2f/%.2f%n",
                name, n, parallelism, median, perSecond, perSecond / FLINK[flinkRow][parallelism - 1],
                seconds[1], seconds[2], seconds[3]);
    }

    /**
     * W4 against W2 in one JVM, alternating: two warm-up pairs, then the medians of five runs
     * each. Apart, each in its own JVM, the two compare JIT warm-ups as much as checkpoints: at
     * P=2 the task threads fill both cores, the compiler gets little time, and a JVM's fourth run
     * can still be a third faster than its second.
     */
    private static void checkpointCost(LocalCluster cluster, long n, int parallelism, java.nio.file.Path checkpoints)
            throws Exception {
        Expected expected = expectedKeyed(n);
        double[] plain = new double[5];
        double[] checkpointed = new double[5];
        for (int round = -2; round < plain.length; round++) {
            double w2 = timed(cluster, parallelism, "W2", n, LocalClusterBenchmark::keyed, expected);
            double w4 = timed(cluster, parallelism, "W4", n, (env, records) -> checkpointedKeyed(env, records, checkpoints),
                    expected);
            if (round >= 0) {
                plain[round] = w2;
                checkpointed[round] = w4;
            }
        }
        System.out.printf("spindle W4/W2 P=%d ratio=%.2f w2_seconds=%.3f w4_seconds=%.3f (one JVM, alternating)%n",
                parallelism, median(plain) / median(checkpointed), median(plain), median(checkpointed));
    }

    private static double timed(LocalCluster cluster, int parallelism, String name, long n, Workload workload,
            Expected expected) throws Exception {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(parallelism);
        long start = System.nanoTime();
        JobExecutionResult result = workload.run(env, n);
        double seconds = (System.nanoTime() - start) / 1e9;
        verify(name, result, expected);
        return seconds;
    }

    private static void emptyJob(LocalCluster cluster) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < 8; run++) {
            StreamEnvironment env = cluster.createEnvironment();
            env.fromSequence(1, 1).addSink(new DiscardingSink<>());
            long start = System.nanoTime();
            env.execute("empty");
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        double median = median(seconds.subList(3, seconds.size()).stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf("spindle EMPTY N=1 P=1 seconds=%.3f vs_flink=%.2fx%n", median, FLINK_EMPTY_JOB_SECONDS / median);
    }

    private static void verify(String name, JobExecutionResult result, Expected expected) {
        Long records = result.getAccumulatorResult("records");
        Long checksum = result.getAccumulatorResult("checksum");
        if (records == null || records != expected.records() || checksum == null || checksum != expected.checksum()) {
            throw new IllegalStateException(name + " computed a wrong result: records=" + records + " checksum=" + checksum
                    + ", expected records=" + expected.records() + " checksum=" + expected.checksum());
        }
    }

    private static Expected expectedStateless(long n) {
        long records = 0;
        long checksum = 0;
        for (long x = 1; x <= n; x++) {
            long doubled = x * 2;
            if (doubled % 3 != 0) {
                records++;
                checksum += doubled;
            }
        }
        return new Expected(records, checksum);
    }

    /** Rolling sums emit 1..c for a key seen c times, so the checksum is the sum of c(c+1)/2. */
    private static Expected expectedKeyed(long n) {
        long[] counts = new long[10_000];
        for (long x = 1; x <= n; x++) {
            counts[(int) (x % 10_000)]++;
        }
        return new Expected(n, triangleSum(counts));
    }

    private static Expected expectedWordCount(long lines) {
        long[] counts = new long[GeneratedLinesSource.VOCABULARY_SIZE];
        for (long l = 0; l < lines; l++) {
            for (int p = 0; p < GeneratedLinesSource.WORDS_PER_LINE; p++) {
                counts[GeneratedLinesSource.wordIndex(l, p)]++;
            }
        }
        return new Expected(lines * GeneratedLinesSource.WORDS_PER_LINE, triangleSum(counts));
    }

    private static long triangleSum(long[] counts) {
        long sum = 0;
        for (long c : counts) {
            sum += c * (c + 1) / 2;
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
