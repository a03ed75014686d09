package io.spindle.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.api.DataStream;
import io.spindle.api.JobClient;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.tuple.Tuple2;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.checkpoint.StateRecoveryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint taken of a running job, moved to another directory, starts the same program at
 * another parallelism: keyed state and source positions carry over, so the final sums are those
 * of one uninterrupted run. A savepoint that does not fit the job is refused at submission.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SavepointResumeTest {
    private static final long RECORDS = 60_000;
    private static final int KEYS = 7;
    private static LocalCluster cluster;

    @TempDir
    static Path work;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(2, 2, new Configuration());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void aRelocatedSavepointResumesTheJobAtAnotherParallelismWithExactState() throws Exception {
        Path savepoint = takeSavepointOfRunningJob("resume");
        Path relocated = work.resolve("moved").resolve(savepoint.getFileName());
        copyDirectory(savepoint, relocated);
        deleteDirectory(savepoint);

        CollectingSink<Tuple2<Long, Long>> sink = new CollectingSink<>();
        StreamEnvironment env = environment(3);
        env.getConfiguration().set(StateRecoveryOptions.PATH, relocated.toUri().toString());
        keyedSums(env, 0).addSink(sink);
        JobExecutionResult result = env.execute("resumed");

        Map<Long, Long> finalSums = new HashMap<>();
        long updates = 0;
        for (Tuple2<Long, Long> sum : sink.results()) {
            finalSums.merge(sum.f0, sum.f1, Math::max);
            updates++;
        }
        assertThat(finalSums).isEqualTo(expectedSums());
        assertThat(updates).as("only the records after the savepoint are processed again").isLessThan(RECORDS);
        JsonNode stats = new ObjectMapper().readTree(cluster.getDispatcher().requestCheckpointStats(result.getJobID())
                .get(10, TimeUnit.SECONDS).getJson());
        assertThat(stats.get("checkpoints").get("latest").get("restored").get("external_path").asText())
                .isEqualTo("file:" + relocated);
        assertThat(relocated.resolve("_metadata")).as("NO_CLAIM leaves the savepoint alone").exists();
    }

    @Test
    void aClaimedSavepointBecomesTheJobsToDelete() throws Exception {
        Path savepoint = takeSavepointOfRunningJob("claim");

        CollectingSink<Tuple2<Long, Long>> sink = new CollectingSink<>();
        StreamEnvironment env = environment(2);
        env.enableCheckpointing(50);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, work.resolve("claim-checkpoints").toUri().toString());
        env.getConfiguration().set(StateRecoveryOptions.PATH, savepoint.toString());
        env.getConfiguration().set(StateRecoveryOptions.CLAIM_MODE, StateRecoveryOptions.ClaimMode.CLAIM);
        keyedSums(env, 200).addSink(sink);
        env.execute("claimed");

        Map<Long, Long> finalSums = new HashMap<>();
        for (Tuple2<Long, Long> sum : sink.results()) {
            finalSums.merge(sum.f0, sum.f1, Math::max);
        }
        assertThat(finalSums).isEqualTo(expectedSums());
        assertThat(savepoint).as("subsumed by the job's own checkpoints, or deleted with them when it finished")
                .doesNotExist();
    }

    @Test
    void stateOfARemovedOperatorIsRefusedUnlessAllowedToBeDropped() throws Exception {
        Path savepoint = takeSavepointOfRunningJob("removed operator");

        StreamEnvironment refused = environment(2);
        refused.getConfiguration().set(StateRecoveryOptions.PATH, savepoint.toString());
        withoutTheSum(refused).addSink(new CollectingSink<>());
        assertThatThrownBy(() -> refused.execute("refused"))
                .hasStackTraceContaining("holds state for operators that are not in the job")
                .hasStackTraceContaining("(Keyed Reduce)")
                .hasStackTraceContaining("--allowNonRestoredState");

        CollectingSink<Long> sink = new CollectingSink<>();
        StreamEnvironment allowed = environment(2);
        allowed.getConfiguration().set(StateRecoveryOptions.PATH, savepoint.toString());
        allowed.getConfiguration().set(StateRecoveryOptions.IGNORE_UNCLAIMED_STATE, true);
        withoutTheSum(allowed).addSink(sink);
        allowed.execute("allowed");
        assertThat(sink.count()).as("the source resumed where the savepoint was").isPositive().isLessThan((int) RECORDS);
    }

    @Test
    void aPathWithoutASavepointFailsTheSubmissionWithAClearMessage() {
        StreamEnvironment env = environment(1);
        env.getConfiguration().set(StateRecoveryOptions.PATH, work.resolve("nothing-here").toString());
        keyedSums(env, 0).addSink(new CollectingSink<>());
        assertThatThrownBy(() -> env.execute("no savepoint"))
                .hasStackTraceContaining("Cannot start job 'no savepoint' from")
                .hasStackTraceContaining("No checkpoint or savepoint at");
    }

    @Test
    void aChangedUidIsRefusedNamingTheFormerOneAndAnAddedOperatorStartsEmpty() throws Exception {
        Path savepoint = takeSavepointOfRunningJob("uids", "sums-v1");

        StreamEnvironment renamed = environment(2);
        renamed.getConfiguration().set(StateRecoveryOptions.PATH, savepoint.toString());
        keyedSums(renamed, 0, "sums-v2").addSink(new CollectingSink<>());
        assertThatThrownBy(() -> renamed.execute("renamed"))
                .hasStackTraceContaining("holds state for operators that are not in the job")
                .hasStackTraceContaining("uid 'sums-v1'")
                .hasStackTraceContaining("Give the operators their former uid(...)");

        CollectingSink<Tuple2<Long, Long>> counts = new CollectingSink<>();
        StreamEnvironment added = environment(2);
        added.getConfiguration().set(StateRecoveryOptions.PATH, savepoint.toString());
        keyedSums(added, 0, "sums-v1")
                .map(sum -> Tuple2.of(sum.f0, 1L))
                .keyBy(count -> count.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1)).uid("updates-per-key")
                .addSink(counts);
        added.execute("added operator");
        long updatesCounted = counts.results().stream().collect(java.util.stream.Collectors.toMap(
                count -> count.f0, count -> count.f1, Math::max)).values().stream().mapToLong(Long::longValue).sum();
        assertThat(updatesCounted).as("the added keyed count started empty: it counts the resumed run's updates only")
                .isEqualTo(counts.count()).isPositive().isLessThan(RECORDS);
    }

    @Test
    void damagedSavepointsAndALowerMaxParallelismFailTheSubmissionBeforeAnyTaskRuns() throws Exception {
        Path savepoint = takeSavepointOfRunningJob("damaged", null);
        Path truncated = work.resolve("truncated").resolve(savepoint.getFileName());
        copyDirectory(savepoint, truncated);
        byte[] metadata = Files.readAllBytes(truncated.resolve("_metadata"));
        Files.write(truncated.resolve("_metadata"), java.util.Arrays.copyOf(metadata, metadata.length / 2));
        Path garbage = work.resolve("garbage").resolve(savepoint.getFileName());
        copyDirectory(savepoint, garbage);
        Files.writeString(garbage.resolve("_metadata"), "not a savepoint at all");
        Path withoutMetadata = work.resolve("without-metadata").resolve(savepoint.getFileName());
        copyDirectory(savepoint, withoutMetadata);
        Files.delete(withoutMetadata.resolve("_metadata"));

        for (Path damaged : List.of(truncated, garbage, withoutMetadata)) {
            StreamEnvironment env = environment(2);
            env.getConfiguration().set(StateRecoveryOptions.PATH, damaged.toString());
            CollectingSink<Tuple2<Long, Long>> sink = new CollectingSink<>();
            keyedSums(env, 0).addSink(sink);
            assertThatThrownBy(() -> env.execute("from " + damaged.getParent().getFileName()))
                    .as(damaged.toString())
                    .hasStackTraceContaining("Cannot start job 'from " + damaged.getParent().getFileName() + "' from");
            assertThat(sink.count()).as("no task ran").isZero();
        }

        StreamEnvironment lower = environment(2).setMaxParallelism(64);
        lower.getConfiguration().set(StateRecoveryOptions.PATH, savepoint.toString());
        keyedSums(lower, 0).addSink(new CollectingSink<>());
        assertThatThrownBy(() -> lower.execute("lower max parallelism"))
                .hasStackTraceContaining("was checkpointed with max parallelism 128, but the job gives it 64")
                .hasStackTraceContaining("setMaxParallelism(128)");
    }

    private static Path takeSavepointOfRunningJob(String name) throws Exception {
        return takeSavepointOfRunningJob(name, null);
    }

    /**
     * Runs the keyed sums (their reduce with {@code sumsUid}, if not null) throttled at
     * parallelism 2, takes a savepoint while they run, cancels them.
     */
    private static Path takeSavepointOfRunningJob(String name, String sumsUid) throws Exception {
        CollectingSink<Tuple2<Long, Long>> sink = new CollectingSink<>();
        StreamEnvironment env = environment(2);
        keyedSums(env, 20, sumsUid).addSink(sink);
        JobClient job = env.executeAsync(name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sink.count() < 2_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String location = cluster.getDispatcher().triggerSavepoint(job.getJobID(),
                work.resolve("savepoints").toUri().toString(), Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS).getLocation();
        assertThat(sink.count()).as("the job was still running").isLessThan((int) RECORDS);
        job.cancel().get(30, TimeUnit.SECONDS);
        Path directory = Path.of(java.net.URI.create(location.replace("file:/", "file:///")));
        assertThat(directory.resolve("_metadata")).exists();
        assertThat(directory.getFileName().toString()).matches("savepoint-[0-9a-f]{6}-[0-9a-f]{12}");
        return directory;
    }

    private static StreamEnvironment environment(int parallelism) {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(parallelism);
        env.getConfiguration().setString("restart-strategy.type", "none");
        return env;
    }

    /** The same program each time: source, throttle, sums per key. */
    private static DataStream<Tuple2<Long, Long>> keyedSums(StreamEnvironment env, int sleepEveryRecords) {
        return keyedSums(env, sleepEveryRecords, null);
    }

    /** The same with the reduce's uid set, when not null. */
    private static DataStream<Tuple2<Long, Long>> keyedSums(StreamEnvironment env, int sleepEveryRecords, String sumsUid) {
        DataStream<Tuple2<Long, Long>> sums = env.fromSequence(1, RECORDS)
                .map(new Throttle(sleepEveryRecords))
                .map(value -> Tuple2.of(value % KEYS, value))
                .keyBy(pair -> pair.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1));
        return sumsUid == null ? sums : sums.uid(sumsUid);
    }

    /** The program without its keyed sums. */
    private static DataStream<Long> withoutTheSum(StreamEnvironment env) {
        return env.fromSequence(1, RECORDS).map(new Throttle(0));
    }

    private static Map<Long, Long> expectedSums() {
        Map<Long, Long> sums = new HashMap<>();
        for (long value = 1; value <= RECORDS; value++) {
            sums.merge(value % KEYS, value, Long::sum);
        }
        return sums;
    }

    /** Sleeps a millisecond every {@code every} records (never when 0), so a savepoint finds the job running. */
    static final class Throttle implements MapFunction<Long, Long> {
        private final int every;
        private transient long seen;

        Throttle(int every) {
            this.every = every;
        }

        @Override
        public Long map(Long value) throws InterruptedException {
            if (every > 0 && ++seen % every == 0) {
                Thread.sleep(1);
            }
            return value;
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteDirectory(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
