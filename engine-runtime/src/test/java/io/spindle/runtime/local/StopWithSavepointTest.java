package io.spindle.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.JobClient;
import io.spindle.api.JobStatus;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.api.checkpoint.FunctionInitializationContext;
import io.spindle.api.checkpoint.FunctionSnapshotContext;
import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import io.spindle.api.windowing.TumblingEventTimeWindows;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.StateRecoveryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with savepoint: the job ends FINISHED with its savepoint, and the job started from it goes
 * on with no record lost or processed twice, which a sink without transactions shows directly
 * (every record makes exactly one update of its key's sum). With drain every window fires before
 * the savepoint. A savepoint that fails leaves the job running.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StopWithSavepointTest {
    private static final long RECORDS = 40_000;
    private static final int KEYS = 5;
    /** Set: the next snapshot of {@link DecliningOnce} fails, once. */
    static final AtomicBoolean DECLINE_NEXT_SNAPSHOT = new AtomicBoolean();
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
    void aStoppedJobFinishesAndTheJobResumedFromItsSavepointProcessesEveryRecordOnce() throws Exception {
        CollectingSink<Tuple2<Long, Long>> before = new CollectingSink<>();
        JobClient job = startKeyedSums(2, before, 2_000);
        String savepoint = stop(job, false);

        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.FINISHED);
        assertThat(before.count()).as("stopped while running").isLessThan((int) RECORDS);
        int updatesAtStop = before.count();
        Thread.sleep(200);
        assertThat(before.count()).as("nothing reaches the sink after the stop").isEqualTo(updatesAtStop);

        CollectingSink<Tuple2<Long, Long>> after = new CollectingSink<>();
        StreamEnvironment resumed = environment(3);
        resumed.getConfiguration().set(StateRecoveryOptions.PATH, savepoint);
        keyedSums(resumed, 0).addSink(after);
        resumed.execute("resumed after stop");

        List<Tuple2<Long, Long>> updates = new ArrayList<>(before.results());
        updates.addAll(after.results());
        assertThat(updates).as("one update per record over both runs").hasSize((int) RECORDS);
        Map<Long, Long> finalSums = new HashMap<>();
        updates.forEach(sum -> finalSums.merge(sum.f0, sum.f1, Math::max));
        assertThat(finalSums).isEqualTo(expectedSums());
    }

    @Test
    void drainFiresEveryWindowBeforeTheSavepoint() throws Exception {
        CollectingSink<Long> emitted = new CollectingSink<>();
        CollectingSink<Tuple3<Long, Long, Long>> windows = new CollectingSink<>();
        StreamEnvironment env = environment(1);
        var timed = env.fromSequence(0, RECORDS - 1)
                .map(new SavepointResumeTest.Throttle(20))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withTimestampAssigner((value, previous) -> value));
        timed.addSink(emitted);
        timed.map(value -> Tuple3.of(value / 1_000, 1L, value))
                .keyBy(window -> window.f0)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(1_000)))
                .reduce((a, b) -> Tuple3.of(a.f0, a.f1 + b.f1, a.f2 + b.f2))
                .addSink(windows);
        JobClient job = env.executeAsync("drained windows");
        awaitCount(emitted, 2_500);

        stop(job, true);

        List<Tuple3<Long, Long, Long>> fired = new ArrayList<>(windows.results());
        fired.sort(Comparator.comparing(window -> window.f0));
        long covered = fired.stream().mapToLong(window -> window.f1).sum();
        assertThat(covered).as("every record the source emitted is in a fired window, the last one partly filled")
                .isEqualTo(emitted.count());
        for (int i = 0; i < fired.size(); i++) {
            assertThat(fired.get(i).f0).isEqualTo(i);
        }
        long n = emitted.count();
        assertThat(fired.stream().mapToLong(window -> window.f2).sum()).isEqualTo(n * (n - 1) / 2);
    }

    @Test
    void aDeclinedStopLeavesTheJobRunningAndTheNextStopEndsIt() throws Exception {
        CollectingSink<Tuple2<Long, Long>> before = new CollectingSink<>();
        StreamEnvironment env = environment(2);
        keyedSums(env, 20).map(new DecliningOnce()).addSink(before);
        JobClient job = env.executeAsync("declined stop");
        awaitCount(before, 1_000);

        DECLINE_NEXT_SNAPSHOT.set(true);
        assertThatThrownBy(() -> stop(job, false)).hasStackTraceContaining("declined");
        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        int afterDecline = before.count();
        awaitCount(before, afterDecline + 500);

        String savepoint = stop(job, false);
        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.FINISHED);

        CollectingSink<Tuple2<Long, Long>> after = new CollectingSink<>();
        StreamEnvironment resumed = environment(2);
        resumed.getConfiguration().set(StateRecoveryOptions.PATH, savepoint);
        keyedSums(resumed, 0).map(new DecliningOnce()).addSink(after);
        resumed.execute("resumed after declined stop");
        assertThat(before.count() + after.count()).as("one update per record over both runs").isEqualTo((int) RECORDS);
    }

    private static JobClient startKeyedSums(int parallelism, CollectingSink<Tuple2<Long, Long>> sink, int awaitUpdates)
            throws Exception {
        StreamEnvironment env = environment(parallelism);
        keyedSums(env, 20).addSink(sink);
        JobClient job = env.executeAsync("stopped sums");
        awaitCount(sink, awaitUpdates);
        return job;
    }

    /** Stops the job through its JobClient (which waits until it FINISHED) and returns the savepoint's location. */
    private static String stop(JobClient job, boolean drain) throws Exception {
        String location = job.stopWithSavepoint(drain, work.resolve("savepoints").toUri().toString())
                .get(60, TimeUnit.SECONDS);
        job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        return location;
    }

    private static void awaitCount(CollectingSink<?> sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sink.count() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.count()).as("records reached the sink").isGreaterThanOrEqualTo(count);
    }

    private static StreamEnvironment environment(int parallelism) {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(parallelism);
        env.getConfiguration().setString("restart-strategy.type", "none");
        return env;
    }

    private static io.spindle.api.DataStream<Tuple2<Long, Long>> keyedSums(StreamEnvironment env, int sleepEvery) {
        return env.fromSequence(1, RECORDS)
                .map(new SavepointResumeTest.Throttle(sleepEvery))
                .map(value -> Tuple2.of(value % KEYS, value))
                .keyBy(pair -> pair.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1));
    }

    private static Map<Long, Long> expectedSums() {
        Map<Long, Long> sums = new HashMap<>();
        for (long value = 1; value <= RECORDS; value++) {
            sums.merge(value % KEYS, value, Long::sum);
        }
        return sums;
    }

    /** Passes sums through; its snapshot fails once when the test asks for it. */
    static final class DecliningOnce implements MapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>>, CheckpointedFunction {
        @Override
        public Tuple2<Long, Long> map(Tuple2<Long, Long> value) {
            return value;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            if (DECLINE_NEXT_SNAPSHOT.compareAndSet(true, false)) {
                throw new IllegalStateException("snapshot failed on purpose");
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}
    }
}
