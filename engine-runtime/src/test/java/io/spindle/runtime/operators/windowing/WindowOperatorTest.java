package io.spindle.runtime.operators.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.api.functions.AggregateFunction;
import io.spindle.api.tuple.Tuple2;
import io.spindle.api.windowing.TumblingEventTimeWindows;
import io.spindle.api.windowing.TumblingProcessingTimeWindows;
import io.spindle.runtime.operators.CollectingOutput.Emitted;
import io.spindle.runtime.operators.CollectingOutput.Event;
import io.spindle.runtime.operators.CollectingOutput.Watermark;
import io.spindle.runtime.operators.OperatorHarness;
import io.spindle.runtime.operators.SumReducer;
import io.spindle.runtime.operators.TimestampsAndWatermarksOperator;
import io.spindle.runtime.state.HeapKeyedStateBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowOperatorTest {

    record Sale(String shop, long time, int amount) {}

    /** Counts and sums the amounts of a window into "shop:count:sum". */
    static final class CountAndSum implements AggregateFunction<Sale, CountAndSum.Totals, String> {
        static final class Totals {
            String shop;
            long count;
            long sum;
        }

        @Override
        public Totals createAccumulator() {
            return new Totals();
        }

        @Override
        public Totals add(Sale value, Totals totals) {
            totals.shop = value.shop();
            totals.count++;
            totals.sum += value.amount();
            return totals;
        }

        @Override
        public String getResult(Totals totals) {
            return totals.shop + ":" + totals.count + ":" + totals.sum;
        }

        @Override
        public Totals merge(Totals a, Totals b) {
            a.count += b.count;
            a.sum += b.sum;
            return a;
        }
    }

    private static int stateEntries(OperatorHarness<?, ?> harness) {
        HeapKeyedStateBackend backend = (HeapKeyedStateBackend)
                ((WindowOperator<?, ?, ?>) harness.operator()).getKeyedStateBackend();
        return backend.numberOfValueStateEntries(WindowOperator.STATE_NAME);
    }

    @Test
    void eventTimeWindowsUnderBoundedOutOfOrdernessGiveExactResultsAndDropLateRecords() throws Exception {
        OperatorHarness<Sale, Sale> watermarks = OperatorHarness.of(new TimestampsAndWatermarksOperator<>(
                WatermarkStrategy.<Sale>forBoundedOutOfOrderness(Duration.ofMillis(3))
                        .withTimestampAssigner((sale, previous) -> sale.time()))).open();
        OperatorHarness<Object, Object> windows = OperatorHarness.keyed(
                WindowOperator.reducing(TumblingEventTimeWindows.of(Duration.ofMillis(10)), new SumReducer("amount")),
                (Object sale) -> ((Sale) sale).shop()).open();

        watermarks.element(new Sale("a", 1, 1));
        watermarks.element(new Sale("b", 2, 10));
        watermarks.element(new Sale("a", 12, 100));
        watermarks.advanceProcessingTime(200);
        watermarks.element(new Sale("a", 8, 2));
        watermarks.element(new Sale("a", 15, 1000));
        watermarks.advanceProcessingTime(400);
        watermarks.element(new Sale("a", 5, 5000));
        watermarks.element(new Sale("b", 19, 20));
        watermarks.endInput();
        for (Event event : watermarks.output().events()) {
            if (event instanceof Emitted record) {
                windows.element(record.value(), record.timestamp());
            } else {
                windows.watermark(((Watermark) event).watermark());
            }
        }
        windows.operator().finish();

        assertThat(windows.output().events()).containsExactly(
                new Watermark(8),
                new Emitted(new Sale("a", 1, 3), 9), new Emitted(new Sale("b", 2, 10), 9),
                new Watermark(11),
                new Emitted(new Sale("a", 12, 1100), 19), new Emitted(new Sale("b", 19, 20), 19),
                new Watermark(Long.MAX_VALUE));
        assertThat(windows.counter(WindowOperator.LATE_RECORDS_DROPPED_COUNTER)).isEqualTo(1);
        assertThat(stateEntries(windows)).isZero();
    }

    @Test
    void aggregateFunctionWindowsKeepOneAccumulatorPerKeyAndWindow() throws Exception {
        OperatorHarness<Sale, String> windows = OperatorHarness.keyed(
                WindowOperator.aggregating(TumblingEventTimeWindows.of(Duration.ofMillis(100)), new CountAndSum()),
                Sale::shop).open();

        windows.element(new Sale("x", 10, 1), 10);
        windows.element(new Sale("y", 20, 2), 20);
        windows.element(new Sale("x", 150, 4), 150);
        windows.element(new Sale("x", 99, 8), 99);
        assertThat(stateEntries(windows)).isEqualTo(3);
        windows.watermark(99);
        windows.element(new Sale("x", 99, 16), 99);
        windows.endInput();

        assertThat(windows.output().events()).containsExactly(
                new Emitted("x:2:9", 99), new Emitted("y:1:2", 99),
                new Watermark(99),
                new Emitted("x:1:4", 199),
                new Watermark(Long.MAX_VALUE));
        assertThat(windows.counter(WindowOperator.LATE_RECORDS_DROPPED_COUNTER)).isEqualTo(1);
        assertThat(stateEntries(windows)).isZero();
    }

    @Test
    void processingTimeWindowsFireOnTheClockAndPendingOnesFireOnFinish() throws Exception {
        OperatorHarness<Object, Object> windows = OperatorHarness.keyed(
                WindowOperator.reducing(TumblingProcessingTimeWindows.of(Duration.ofMillis(100)), new SumReducer(1)),
                (Object t) -> ((Tuple2<?, ?>) t).f0).open();

        windows.advanceProcessingTime(10);
        windows.element(Tuple2.of("a", 1));
        windows.element(Tuple2.of("b", 2));
        windows.advanceProcessingTime(50);
        windows.element(Tuple2.of("a", 3));
        windows.advanceProcessingTime(98);
        assertThat(windows.output().events()).isEmpty();
        windows.advanceProcessingTime(99);
        windows.advanceProcessingTime(150);
        windows.element(Tuple2.of("a", 10));
        windows.watermark(500);
        windows.endInput();

        assertThat(windows.output().events()).containsExactly(
                new Emitted(Tuple2.of("a", 4), 99), new Emitted(Tuple2.of("b", 2), 99),
                new Watermark(500),
                new Watermark(Long.MAX_VALUE),
                new Emitted(Tuple2.of("a", 10), 199));
        assertThat(windows.clock().numberOfPendingTimers()).isZero();
        assertThat(stateEntries(windows)).isZero();
    }

    @Test
    void eventTimeRecordsWithoutTimestampAndWindowsWithoutKeyByFailClearly() throws Exception {
        OperatorHarness<Sale, String> keyed = OperatorHarness.keyed(
                WindowOperator.aggregating(TumblingEventTimeWindows.of(Duration.ofMillis(100)), new CountAndSum()),
                Sale::shop).open();
        assertThatThrownBy(() -> keyed.element(new Sale("x", 1, 1)))
                .hasMessageContaining("record without timestamp")
                .hasMessageContaining("assignTimestampsAndWatermarks(...)");

        OperatorHarness<Sale, String> unkeyed = OperatorHarness.of(
                WindowOperator.aggregating(TumblingEventTimeWindows.of(Duration.ofMillis(100)), new CountAndSum()));
        assertThatThrownBy(unkeyed::open).hasMessageContaining("call keyBy(...) before window(...)");
    }
}
