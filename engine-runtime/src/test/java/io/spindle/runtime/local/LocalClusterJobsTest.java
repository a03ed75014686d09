package io.spindle.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.JobClient;
import io.spindle.api.JobExecutionException;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobStatus;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.ParallelSourceFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SourceFunction;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import io.spindle.api.windowing.TumblingEventTimeWindows;
import io.spindle.configuration.Configuration;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Jobs on a LocalCluster of 2 TaskManagers with 2 slots each, checked against exact expected output. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalClusterJobsTest {
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(2, 2, new Configuration());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void wordCountMatchesAnIndependentCount() throws Exception {
        List<String> corpus = generateCorpus(2_000, 42);
        Map<String, Integer> expected = new HashMap<>();
        for (String line : corpus) {
            for (String word : line.split(" ")) {
                expected.merge(word, 1, Integer::sum);
            }
        }
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2).setRuntimeMode(RuntimeExecutionMode.BATCH);
        CollectingSink<Tuple2<String, Integer>> sink = new CollectingSink<>();
        env.fromCollection(corpus)
                .flatMap((String line, Collector<Tuple2<String, Integer>> out) -> {
                    for (String word : line.split(" ")) {
                        out.collect(Tuple2.of(word, 1));
                    }
                })
                .keyBy(pair -> pair.f0)
                .sum(1)
                .addSink(sink);

        env.execute("word count");

        Map<String, Integer> actual = new HashMap<>();
        for (Tuple2<String, Integer> count : sink.results()) {
            assertThat(actual.put(count.f0, count.f1)).as("one final count per word").isNull();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void rollingKeyedSumsEmitEveryIntermediateValue() throws Exception {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
        CollectingSink<Tuple2<Long, Long>> sink = new CollectingSink<>();
        env.fromSequence(1, 10_000).map(x -> Tuple2.of(x % 7, x)).keyBy(t -> t.f0).sum(1).addSink(sink);

        JobExecutionResult result = env.execute("keyed sums");

        Map<Long, Long> expectedFinal = new HashMap<>();
        for (long x = 1; x <= 10_000; x++) {
            expectedFinal.merge(x % 7, x, Long::sum);
        }
        Map<Long, Long> maxPerKey = new HashMap<>();
        for (Tuple2<Long, Long> value : sink.results()) {
            maxPerKey.merge(value.f0, value.f1, Math::max);
        }
        assertThat(sink.count()).isEqualTo(10_000);
        assertThat(maxPerKey).isEqualTo(expectedFinal);
        assertThat(result.getNetRuntime()).isPositive();
    }

    @Test
    void eventTimeWindowsCountOutOfOrderInputExactly() throws Exception {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
        CollectingSink<Tuple3<String, Long, Integer>> sink = new CollectingSink<>();
        env.addSource(new OutOfOrderEvents(), "events")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple3<String, Long, Integer>>forBoundedOutOfOrderness(
                        Duration.ofMillis(500)).withTimestampAssigner((event, ts) -> event.f1))
                .keyBy(event -> event.f0)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .reduce((a, b) -> Tuple3.of(a.f0, Math.min(a.f1, b.f1), a.f2 + b.f2))
                .addSink(sink);

        env.execute("event time windows");

        Map<String, Integer> countsPerKeyAndWindow = new HashMap<>();
        for (Tuple3<String, Long, Integer> result : sink.results()) {
            countsPerKeyAndWindow.put(result.f0 + "@" + (result.f1 / 1000), result.f2);
        }
        assertThat(countsPerKeyAndWindow).isEqualTo(OutOfOrderEvents.expectedCounts());
    }

    @Test
    void parallelismFourSpansBothTaskManagersAndKeepsKeyedState() throws Exception {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(4);
        CollectingSink<Tuple2<Long, Long>> sink = new CollectingSink<>();
        env.fromSequence(0, 3_999)
                .keyBy(x -> x % 10)
                .process(new CountPerKey())
                .addSink(sink);

        env.execute("parallelism 4");

        Map<Long, Long> lastCount = new HashMap<>();
        for (Tuple2<Long, Long> value : sink.results()) {
            lastCount.merge(value.f0, value.f1, Math::max);
        }
        assertThat(sink.count()).isEqualTo(4_000);
        assertThat(lastCount).hasSize(10).allSatisfy((key, count) -> assertThat(count).isEqualTo(400L));
        assertThat(cluster.getJobManager().getResourceManager().requestSlotCounts().get())
                .as("registered TaskManagers, free slots, total slots after the job")
                .containsExactly(2, 4, 4);
    }

    @Test
    void aThrowingUserFunctionFailsTheJobWithTheUsersException() {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
        env.fromSequence(1, 1_000).map(x -> {
            if (x == 500) {
                throw new IllegalStateException("record 500 is poisoned");
            }
            return x;
        }).addSink(new CollectingSink<>());

        assertThatThrownBy(() -> env.execute("failing"))
                .isInstanceOf(JobExecutionException.class)
                .satisfies(e -> assertThat(((JobExecutionException) e).getFinalStatus()).isEqualTo(JobStatus.FAILED))
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("record 500 is poisoned")
                .satisfies(cause -> assertThat(cause.getStackTrace()).anySatisfy(frame ->
                        assertThat(frame.getClassName()).startsWith(LocalClusterJobsTest.class.getName())));
    }

    @Test
    void aFailedJobRestartsUnderFixedDelayAndFinishes() throws Exception {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
        env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
        env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "50 ms");
        CollectingSink<Tuple2<Integer, Long>> sink = new CollectingSink<>();
        env.fromSequence(1, 1_000).map(new FailsInFirstAttempt()).addSink(sink);

        JobExecutionResult result = env.execute("restarting");

        assertThat(result.getJobID()).isNotNull();
        List<Long> secondAttempt = sink.results().stream().filter(t -> t.f0 == 1).map(t -> t.f1).sorted().toList();
        assertThat(secondAttempt).hasSize(1_000).startsWith(1L, 2L).endsWith(1_000L).doesNotHaveDuplicates();
        assertThat(sink.results()).allSatisfy(t -> assertThat(t.f0).isBetween(0, 1));
    }

    @Test
    void aJobFailsOnceItsRestartsAreUsedUp() {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(1);
        env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
        env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "2");
        env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "10 ms");
        env.fromSequence(1, 10).map(x -> {
            throw new IllegalStateException("always broken");
        }).addSink(new CollectingSink<>());

        assertThatThrownBy(() -> env.execute("always failing"))
                .isInstanceOf(JobExecutionException.class)
                .cause().hasMessage("always broken");
    }

    /** Throws at record 500 in the first attempt; tags each value with its attempt number. */
    static final class FailsInFirstAttempt implements io.spindle.api.functions.MapFunction<Long, Tuple2<Integer, Long>>, RichFunction {
        private transient int attempt;

        @Override
        public void open(RuntimeContext context) {
            attempt = context.getAttemptNumber();
        }

        @Override
        public Tuple2<Integer, Long> map(Long value) {
            if (attempt == 0 && value == 500) {
                throw new IllegalStateException("first attempt fails");
            }
            return Tuple2.of(attempt, value);
        }
    }

    @Test
    void aCachedFileReachesEveryTask(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        java.nio.file.Path lookup = directory.resolve("names.txt");
        java.nio.file.Files.writeString(lookup, "zero\none\ntwo\n");
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
        env.registerCachedFile(lookup.toString(), "names");
        CollectingSink<String> sink = new CollectingSink<>();
        env.fromSequence(0, 2).rebalance().map(new NameFromCachedFile()).addSink(sink);

        env.execute("cached file");

        assertThat(sink.results()).containsExactlyInAnyOrder("zero", "one", "two");
        assertThatThrownBy(() -> env.registerCachedFile(lookup.toString(), "names")).hasMessageContaining("registered already");
        assertThatThrownBy(() -> env.registerCachedFile(directory.resolve("missing").toString(), "other"))
                .hasMessageContaining("does not exist");
    }

    /** Maps a number to the line of that index in the cached file "names". */
    static final class NameFromCachedFile implements io.spindle.api.functions.MapFunction<Long, String>, RichFunction {
        private transient List<String> names;

        @Override
        public void open(RuntimeContext context) throws Exception {
            names = java.nio.file.Files.readAllLines(context.getDistributedCache().getFile("names").toPath());
        }

        @Override
        public String map(Long value) {
            return names.get(value.intValue());
        }
    }

    @Test
    void anUnboundedJobIsCancelledCleanly() throws Exception {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
        CollectingSink<Long> sink = new CollectingSink<>();
        env.addSource(new EndlessCounter(), "endless").rebalance().map(x -> x + 1).addSink(sink);

        JobClient client = env.executeAsync("unbounded");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sink.count() < 1_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.count()).as("records before cancel").isGreaterThanOrEqualTo(1_000);
        assertThat(client.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

        client.cancel().get();

        assertThatThrownBy(() -> client.getJobExecutionResult().get())
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(JobExecutionException.class)
                .satisfies(e -> assertThat(((JobExecutionException) e).getFinalStatus()).isEqualTo(JobStatus.CANCELED));
        assertThat(client.getJobStatus().get()).isEqualTo(JobStatus.CANCELED);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cluster.getJobManager().getResourceManager().requestSlotCounts().get()[1] < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cluster.getJobManager().getResourceManager().requestSlotCounts().get()[1]).as("free slots").isEqualTo(4);
    }

    static List<String> generateCorpus(int lines, long seed) {
        Random random = new Random(seed);
        String[] vocabulary = new String[300];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = "w" + Integer.toString(i * 7919, 36);
        }
        List<String> corpus = new java.util.ArrayList<>();
        for (int i = 0; i < lines; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < 10; w++) {
                line.append(w == 0 ? "" : " ").append(vocabulary[(int) Math.abs(random.nextGaussian() * 60) % vocabulary.length]);
            }
            corpus.add(line.toString());
        }
        return corpus;
    }

    /** Counts records per key in ValueState and emits (key, count so far). */
    static final class CountPerKey extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
        private transient ValueState<Long> count;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<Tuple2<Long, Long>> out) {
            long next = count.value() + 1;
            count.update(next);
            out.collect(Tuple2.of(ctx.getCurrentKey(), next));
        }
    }

    /** Events of three keys, interleaved, whose timestamps arrive up to 400 ms out of order. */
    static final class OutOfOrderEvents implements SourceFunction<Tuple3<String, Long, Integer>> {
        static final long[] TIMESTAMPS = {100, 900, 500, 1200, 1000, 950, 1700, 2300, 2100, 1950, 2999, 3500, 3100};

        @Override
        public void run(SourceContext<Tuple3<String, Long, Integer>> ctx) {
            for (long timestamp : TIMESTAMPS) {
                for (String key : new String[] {"a", "b", "c"}) {
                    ctx.collect(Tuple3.of(key, timestamp, 1));
                }
            }
        }

        @Override
        public void cancel() {}

        static Map<String, Integer> expectedCounts() {
            Map<String, Integer> counts = new HashMap<>();
            for (String key : new String[] {"a", "b", "c"}) {
                for (long timestamp : TIMESTAMPS) {
                    counts.merge(key + "@" + (timestamp / 1000), 1, Integer::sum);
                }
            }
            return counts;
        }
    }

    /** Counts up until cancelled, from each parallel instance. */
    static final class EndlessCounter implements ParallelSourceFunction<Long> {
        private volatile boolean running = true;

        @Override
        public void run(SourceContext<Long> ctx) throws Exception {
            long next = 0;
            while (running) {
                ctx.collect(next++);
                if (next % 1000 == 0) {
                    Thread.sleep(1);
                }
            }
        }

        @Override
        public void cancel() {
            running = false;
        }
    }
}
