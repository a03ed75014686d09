package io.spindle.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.functions.SourceFunction;
import io.spindle.runtime.operators.CollectingOutput.Emitted;
import io.spindle.runtime.operators.CollectingOutput.Watermark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamSourceTest {

    @Test
    void emitsRecordsTimestampsAndWatermarksAndRunsTheMailboxAfterEachRecord() throws Exception {
        OperatorHarness<Void, String> harness = OperatorHarness.source(new StreamSource<>(new ThreeRecords())).open();
        StreamSource<String> source = (StreamSource<String>) harness.operator();
        List<Integer> recordsSeenByMailbox = new ArrayList<>();

        source.run(new Object(), () -> recordsSeenByMailbox.add(harness.output().records().size()));

        assertThat(harness.output().events()).containsExactly(
                new Emitted("a", StreamRecord.NO_TIMESTAMP), new Emitted("b", 20), new Watermark(15), new Emitted("c", 30));
        assertThat(recordsSeenByMailbox).containsExactly(1, 2, 3);
    }

    @Test
    void aNonParallelSourceRefusesToOpenAsOneOfSeveralInstances() throws Exception {
        TaskInfo secondOfTwo = new TaskInfo("numbers", 1, 2, 128, 0);
        OperatorHarness<Void, String> harness = OperatorHarness.source(new StreamSource<>(new ThreeRecords()), secondOfTwo);

        assertThatThrownBy(harness::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The source io.spindle.runtime.operators.StreamSourceTest$ThreeRecords of task 'numbers' is"
                        + " not a ParallelSourceFunction but runs with parallelism 2");
    }

    @Test
    void cancelFromAnotherThreadStopsAnUnboundedSource() throws Exception {
        OperatorHarness<Void, Long> harness = OperatorHarness.source(new StreamSource<>(new Counter())).open();
        StreamSource<Long> source = (StreamSource<Long>) harness.operator();
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread task = new Thread(() -> {
            try {
                source.run(new Object(), running::countDown);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        task.start();

        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        source.cancel();
        task.join(10_000);

        assertThat(task.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    void aSourceCanceledBeforeItRunsDoesNotRun() throws Exception {
        OperatorHarness<Void, String> harness = OperatorHarness.source(new StreamSource<>(new ThreeRecords())).open();
        StreamSource<String> source = (StreamSource<String>) harness.operator();
        AtomicInteger mails = new AtomicInteger();

        source.cancel();
        source.run(new Object(), mails::incrementAndGet);

        assertThat(harness.output().events()).isEmpty();
        assertThat(mails).hasValue(0);
    }

    static final class ThreeRecords implements SourceFunction<String> {
        @Override
        public void run(SourceContext<String> ctx) {
            ctx.collect("a");
            ctx.collectWithTimestamp("b", 20);
            ctx.emitWatermark(15);
            ctx.collectWithTimestamp("c", 30);
        }

        @Override
        public void cancel() {}
    }

    static final class Counter implements SourceFunction<Long> {
        private volatile boolean running = true;

        @Override
        public void run(SourceContext<Long> ctx) {
            long next = 0;
            while (running) {
                ctx.collect(next++);
            }
        }

        @Override
        public void cancel() {
            running = false;
        }
    }
}
