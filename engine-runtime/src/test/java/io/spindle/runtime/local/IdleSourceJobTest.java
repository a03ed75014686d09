package io.spindle.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.JobClient;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.api.functions.RichParallelSourceFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SinkFunction;
import io.spindle.api.tuple.Tuple3;
import io.spindle.api.windowing.TumblingEventTimeWindows;
import io.spindle.configuration.Configuration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One of two source instances goes quiet without ending; with {@code withIdleness} the event-time
 * windows downstream fire on the other instance's watermark alone.
 */
class IdleSourceJobTest {
    /** Window results seen by the sink, with whether the quiet source instance had been released by then. */
    static final ConcurrentLinkedQueue<String> RESULTS = new ConcurrentLinkedQueue<>();
    /** Counted down by the two results of the first window, [0, 5000). */
    static final CountDownLatch FIRST_WINDOW_FIRED = new CountDownLatch(2);
    static final CountDownLatch QUIET_SOURCE_RELEASED = new CountDownLatch(1);

    @Test
    void windowsFireWhileOneSourceInstanceIsIdle() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1, 4, new Configuration())) {
            StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
            env.addSource(new OneBusyOneQuiet(), "events")
                    .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple3<String, Long, Integer>>forMonotonousTimestamps()
                            .withTimestampAssigner((event, previous) -> event.f1).withIdleness(Duration.ofMillis(300)))
                    .filter(event -> !event.f0.equals(OneBusyOneQuiet.KEEP_ALIVE))
                    .keyBy(event -> event.f0)
                    .window(TumblingEventTimeWindows.of(Duration.ofSeconds(5)))
                    .reduce((a, b) -> Tuple3.of(a.f0, Math.max(a.f1, b.f1), a.f2 + b.f2))
                    .addSink(new RecordingSink());

            JobClient job = env.executeAsync("idle source instance");
            boolean firedWhileQuiet = FIRST_WINDOW_FIRED.await(30, TimeUnit.SECONDS);
            QUIET_SOURCE_RELEASED.countDown();
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);

            assertThat(firedWhileQuiet).as("the first window fired while one source instance was quiet").isTrue();
            assertThat(RESULTS.stream().sorted().toList()).containsExactly(
                    "quiet:(a,4000,5)", "quiet:(b,500,1)", "released:(a,5000,1)");
        }
    }

    /**
     * Instance 0 emits key a at 0, 1000, ..., 5000 and then keep-alive records at 5000 (which
     * move neither event time nor any window), so that it stays active; instance 1 emits key b at
     * 500 and then nothing. Both end when the test releases them, after the first window fired.
     */
    static final class OneBusyOneQuiet extends RichParallelSourceFunction<Tuple3<String, Long, Integer>> {
        static final String KEEP_ALIVE = "keep-alive";
        private transient int subtask;
        private volatile boolean running = true;

        @Override
        public void open(RuntimeContext context) {
            subtask = context.getIndexOfThisSubtask();
        }

        @Override
        public void run(SourceContext<Tuple3<String, Long, Integer>> ctx) throws InterruptedException {
            if (subtask == 0) {
                for (long timestamp = 0; timestamp <= 5000; timestamp += 1000) {
                    ctx.collect(Tuple3.of("a", timestamp, 1));
                }
                while (running && !QUIET_SOURCE_RELEASED.await(50, TimeUnit.MILLISECONDS)) {
                    ctx.collect(Tuple3.of(KEEP_ALIVE, 5000L, 1));
                }
            } else {
                ctx.collect(Tuple3.of("b", 500L, 1));
                while (running && !QUIET_SOURCE_RELEASED.await(50, TimeUnit.MILLISECONDS)) {
                    // Quiet, but not finished: a finished instance would stop holding event time back anyway.
                }
            }
        }

        @Override
        public void cancel() {
            running = false;
        }
    }

    static final class RecordingSink implements SinkFunction<Tuple3<String, Long, Integer>> {
        @Override
        public void invoke(Tuple3<String, Long, Integer> result) {
            RESULTS.add((QUIET_SOURCE_RELEASED.getCount() == 0 ? "released:" : "quiet:") + result);
            if (result.f1 < 5000) {
                FIRST_WINDOW_FIRED.countDown();
            }
        }
    }
}
