package io.spindle.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.api.JobExecutionResult;

import io.spindle.api.StreamEnvironment;
import io.spindle.api.checkpoint.CheckpointListener;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.tuple.Tuple2;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpointed jobs on a LocalCluster that fail after a checkpoint completed: they resume from
 * it, so keyed state and source positions are exact, and nothing of the job is left in the
 * checkpoint directory once it finished.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckpointedJobsTest {
    private static final int KEYS = 10;
    private static LocalCluster cluster;

    @TempDir
    static Path checkpoints;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(2, 2, new Configuration());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void keyedSumsAreExactAfterFailuresThatFollowCompletedCheckpoints() throws Exception {
        long records = 200_000;
        StreamEnvironment env = checkpointedEnvironment(2);
        CollectingSink<Tuple2<Long, Long>> sink = new CollectingSink<>();
        env.fromSequence(1, records)
                .map(new FailsAfterCheckpoints("sums", 2))
                .keyBy(pair -> pair.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .addSink(sink);

        env.execute("checkpointed keyed sums");

        Map<Long, Long> expected = new HashMap<>();
        for (long value = 1; value <= records; value++) {
            expected.merge(value % KEYS, value, Long::sum);
        }
        Map<Long, Long> finalSums = new HashMap<>();
        for (Tuple2<Long, Long> sum : sink.results()) {
            finalSums.merge(sum.f0, sum.f1, Math::max);
        }
        assertThat(FailsAfterCheckpoints.failures("sums")).as("injected failures").isGreaterThanOrEqualTo(2);
        assertThat(finalSums).isEqualTo(expected);
        // Restored, not rerun: fewer rolling updates were emitted than twice the input.
        assertThat(sink.count()).isLessThan((int) (2 * records));
        awaitNoJobDirectories();
    }

    @Test
    void aCollectionSourceResumesAfterTheLastElementOfTheCheckpoint() throws Exception {
        StreamEnvironment env = checkpointedEnvironment(1);
        List<Long> elements = new java.util.ArrayList<>();
        for (long i = 0; i < 50_000; i++) {
            elements.add(i);
        }
        CollectingSink<Tuple2<Long, Long>> sink = new CollectingSink<>();
        env.fromCollection(elements)
                .map(new FailsAfterCheckpoints("collection", 1))
                .keyBy(pair -> 0L)
                .reduce((a, b) -> Tuple2.of(a.f0 + 1, a.f1 + b.f1))
                .addSink(sink);

        env.execute("checkpointed collection");

        Tuple2<Long, Long> last = sink.results().stream().max((a, b) -> Long.compare(a.f0, b.f0)).orElseThrow();
        // Count and sum of every element, each counted once.
        assertThat(last.f0).isEqualTo(50_000L - 1);
        assertThat(last.f1).isEqualTo(50_000L * 49_999L / 2);
        awaitNoJobDirectories();
    }

    @Test
    void theCheckpointStatisticsOfAFinishedJobShowItsCheckpointsAndTheRestore() throws Exception {
        StreamEnvironment env = checkpointedEnvironment(1);
        env.fromSequence(1, 100_000).map(new FailsAfterCheckpoints("stats", 1)).addSink(new CollectingSink<>());

        JobExecutionResult result = env.execute("checkpoint statistics");

        JsonNode stats = new ObjectMapper().readTree(cluster.getDispatcher().requestCheckpointStats(result.getJobID())
                .get(10, TimeUnit.SECONDS).getJson());
        JsonNode counts = stats.get("checkpoints").get("counts");
        assertThat(counts.get("completed").asLong()).isPositive();
        assertThat(counts.get("restored").asLong()).isEqualTo(1);
        assertThat(stats.get("checkpoints").get("latest").get("restored").get("external_path").asText())
                .startsWith(checkpoints.toUri().toString().replace("file:///", "file:/"));
        assertThat(stats.get("checkpoints").get("history").get(0).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(stats.get("config").get("mode").asText()).isEqualTo("exactly_once");
        assertThat(stats.get("config").get("interval").asLong()).isEqualTo(50);
    }

    @Test
    void anUnwritableCheckpointDirectoryFailsCheckpointsAndTheJobOnlyPastTheTolerableCount() throws Exception {
        Path notADirectory = Files.writeString(checkpoints.resolve("a-file"), "not a directory");
        StreamEnvironment env = checkpointedEnvironment(1);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, notADirectory.toUri() + "/checkpoints");
        env.getConfiguration().set(CheckpointingOptions.TOLERABLE_FAILURES, 2);
        env.getConfiguration().setString("restart-strategy.type", "none");
        env.addSource(new io.spindle.api.connectors.SequenceSource(1, Long.MAX_VALUE)).addSink(new CollectingSink<>());

        assertThatThrownBy(() -> env.execute("unwritable checkpoints"))
                .isInstanceOf(io.spindle.api.JobExecutionException.class)
                .hasStackTraceContaining("Exceeded checkpoint tolerable failure threshold (2)")
                .hasStackTraceContaining("Parent path is not a directory");
        Files.delete(notADirectory);
    }

    @Test
    void checkpointingWithoutADirectoryIsRefusedWithTheKeyToSet() {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(1);
        env.enableCheckpointing(100);
        env.fromSequence(1, 10).addSink(new CollectingSink<>());

        assertThatThrownBy(() -> env.execute("no checkpoint directory"))
                .hasStackTraceContaining("no checkpoint directory is set: set execution.checkpointing.dir");
    }

    @Test
    void anIntervalBelowTenMillisecondsIsRefused() {
        StreamEnvironment env = cluster.createEnvironment();
        assertThatThrownBy(() -> env.enableCheckpointing(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The checkpoint interval must be at least 10 ms, but 5 ms was given");
        env.getConfiguration().setString(CheckpointingOptions.INTERVAL.key(), "5 ms");
        assertThatThrownBy(() -> env.getConfiguration().get(CheckpointingOptions.INTERVAL))
                .hasMessageContaining("execution.checkpointing.interval").hasMessageContaining("at least 10 ms");
    }

    private static StreamEnvironment checkpointedEnvironment(int parallelism) {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(parallelism);
        env.enableCheckpointing(50);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, checkpoints.toUri().toString());
        env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
        env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "5");
        env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "20 ms");
        return env;
    }

    /** Deleting the finished job's checkpoints runs after the result is out; it must not take long. */
    private static void awaitNoJobDirectories() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Path> left;
        do {
            try (Stream<Path> children = Files.walk(checkpoints)) {
                left = children.filter(path -> !path.equals(checkpoints)).toList();
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat(left).as("checkpoint files left after the job finished").isEmpty();
    }

    /**
     * Maps a value to (value mod 10, value) and throws once a checkpoint of the current attempt
     * completed, in the first {@code failingAttempts} attempts, which are slowed down so that
     * checkpoints complete while the input lasts.
     */
    static final class FailsAfterCheckpoints implements MapFunction<Long, Tuple2<Long, Long>>, RichFunction,
            CheckpointListener {
        private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

        private final String name;
        private final int failingAttempts;
        private transient int attempt;
        private transient volatile boolean checkpointCompleted;
        private transient long seen;

        FailsAfterCheckpoints(String name, int failingAttempts) {
            this.name = name;
            this.failingAttempts = failingAttempts;
            FAILURES.put(name, new AtomicInteger());
        }

        static int failures(String name) {
            return FAILURES.get(name).get();
        }

        @Override
        public void open(RuntimeContext context) {
            attempt = context.getAttemptNumber();
        }

        @Override
        public Tuple2<Long, Long> map(Long value) throws Exception {
            // The failing attempts are slow, so that a checkpoint always completes before their input ends.
            if (attempt < failingAttempts && ++seen % 100 == 0) {
                Thread.sleep(1);
            }
            if (checkpointCompleted && attempt < failingAttempts && seen % 97 == 0) {
                FAILURES.get(name).incrementAndGet();
                throw new IllegalStateException("injected failure after a completed checkpoint, attempt " + attempt);
            }
            return Tuple2.of(value % KEYS, value);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointCompleted = true;
        }
    }
}
