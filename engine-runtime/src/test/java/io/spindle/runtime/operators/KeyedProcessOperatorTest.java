package io.spindle.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.tuple.Tuple2;
import io.spindle.runtime.operators.CollectingOutput.Emitted;
import io.spindle.runtime.operators.CollectingOutput.Watermark;
import org.junit.jupiter.api.Test;

class KeyedProcessOperatorTest {

    /**
     * For each record (key, delay) sets an event-time timer at record time + delay and a
     * processing-time timer at now + delay; timers report their key, domain and the key's count.
     */
    static final class TimerReporter extends KeyedProcessFunction<String, Tuple2<String, Long>, String> {
        private transient ValueState<Integer> seen;

        @Override
        public void open(RuntimeContext context) {
            seen = context.getState(new ValueStateDescriptor<>("seen", Integer.class, 0));
        }

        @Override
        public void processElement(Tuple2<String, Long> value, Context<String> ctx, Collector<String> out) {
            seen.update(seen.value() + 1);
            TimerService timers = ctx.timerService();
            if (ctx.timestamp() != null) {
                timers.registerEventTimeTimer(ctx.timestamp() + value.f1);
            } else {
                timers.registerProcessingTimeTimer(timers.currentProcessingTime() + value.f1);
            }
            out.collect("got " + ctx.getCurrentKey() + " at " + ctx.timestamp());
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<String> out) {
            out.collect((ctx.isEventTime() ? "event " : "processing ") + ctx.getCurrentKey() + " @" + timestamp
                    + " seen " + seen.value());
        }
    }

    private static OperatorHarness<Tuple2<String, Long>, String> harness() throws Exception {
        return OperatorHarness.keyed(new KeyedProcessOperator<>(new TimerReporter()),
                (Tuple2<String, Long> t) -> t.f0).open();
    }

    @Test
    void eventTimeTimersFireInTimestampOrderWithTheirKeyWhenTheWatermarkPasses() throws Exception {
        OperatorHarness<Tuple2<String, Long>, String> harness = harness();

        harness.element(Tuple2.of("a", 30L), 100);
        harness.element(Tuple2.of("b", 5L), 100);
        harness.element(Tuple2.of("b", 10L), 110);
        harness.element(Tuple2.of("c", 25L), 95);
        harness.watermark(104);
        harness.watermark(120);
        harness.endInput();

        assertThat(harness.output().events()).containsExactly(
                new Emitted("got a at 100", 100), new Emitted("got b at 100", 100),
                new Emitted("got b at 110", 110), new Emitted("got c at 95", 95),
                new Watermark(104),
                new Emitted("event b @105 seen 2", 105), new Emitted("event b @120 seen 2", 120),
                new Emitted("event c @120 seen 1", 120),
                new Watermark(120),
                new Emitted("event a @130 seen 1", 130),
                new Watermark(Long.MAX_VALUE));
    }

    @Test
    void aTimerRegisteredTwiceFiresOnceAndSeesTheStateOfItsKey() throws Exception {
        OperatorHarness<Tuple2<String, Long>, String> harness = harness();

        harness.element(Tuple2.of("a", 10L), 100);
        harness.element(Tuple2.of("a", 5L), 105);
        harness.element(Tuple2.of("z", 10L), 100);
        harness.watermark(200);

        assertThat(harness.output().values()).filteredOn(s -> s.startsWith("event")).containsExactlyInAnyOrder(
                "event a @110 seen 2", "event z @110 seen 1");
    }

    @Test
    void processingTimeTimersFireOnTheClockInOrderWithoutTimestamp() throws Exception {
        OperatorHarness<Tuple2<String, Long>, String> harness = harness();

        harness.element(Tuple2.of("a", 50L));
        harness.element(Tuple2.of("b", 20L));
        harness.advanceProcessingTime(10);
        harness.element(Tuple2.of("c", 20L));
        harness.advanceProcessingTime(29);
        harness.advanceProcessingTime(60);

        assertThat(harness.output().records()).filteredOn(r -> r.value().toString().startsWith("processing"))
                .containsExactly(
                        new Emitted("processing b @20 seen 1", StreamRecord.NO_TIMESTAMP),
                        new Emitted("processing c @30 seen 1", StreamRecord.NO_TIMESTAMP),
                        new Emitted("processing a @50 seen 1", StreamRecord.NO_TIMESTAMP));
        assertThat(harness.clock().numberOfPendingTimers()).isZero();
    }
}
