package io.spindle.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.runtime.operators.CollectingOutput.Emitted;
import io.spindle.runtime.operators.CollectingOutput.Status;
import io.spindle.runtime.operators.CollectingOutput.Watermark;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimestampsAndWatermarksOperatorTest {

    private static OperatorHarness<Long, Long> harnessWithBound(long boundMillis) throws Exception {
        WatermarkStrategy<Long> strategy = WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(boundMillis))
                .withTimestampAssigner((value, previous) -> value);
        return OperatorHarness.of(new TimestampsAndWatermarksOperator<>(strategy)).open();
    }

    @Test
    void assignsTimestampsAndEmitsTrailingWatermarksEvery200MsOnlyWhenTheyAdvance() throws Exception {
        OperatorHarness<Long, Long> harness = harnessWithBound(5);

        harness.advanceProcessingTime(200);
        harness.element(100L);
        harness.element(120L);
        harness.element(110L);
        harness.advanceProcessingTime(399);
        harness.advanceProcessingTime(400);
        harness.element(105L);
        harness.advanceProcessingTime(600);
        harness.element(130L);
        harness.advanceProcessingTime(800);

        assertThat(harness.output().events()).containsExactly(
                new Emitted(100L, 100), new Emitted(120L, 120), new Emitted(110L, 110),
                new Watermark(114),
                new Emitted(105L, 105),
                new Emitted(130L, 130),
                new Watermark(124));
    }

    @Test
    void ignoresUpstreamWatermarksButForwardsTheEndOfInputOnceAndStopsItsTimer() throws Exception {
        OperatorHarness<Long, Long> harness = harnessWithBound(0);

        harness.element(50L);
        harness.watermark(1_000);
        harness.advanceProcessingTime(200);
        harness.endInput();
        harness.advanceProcessingTime(400);
        harness.watermark(Long.MAX_VALUE);

        assertThat(harness.output().watermarks()).containsExactly(49L, Long.MAX_VALUE);
        assertThat(harness.clock().numberOfPendingTimers()).isZero();
    }

    @Test
    void keepsTheSourceTimestampWithoutAnAssignerAndCancelsItsTimerOnClose() throws Exception {
        OperatorHarness<String, String> harness = OperatorHarness.of(
                new TimestampsAndWatermarksOperator<>(WatermarkStrategy.<String>forMonotonousTimestamps())).open();

        harness.element("x", 70);
        harness.advanceProcessingTime(200);
        harness.close();

        assertThat(harness.output().events()).containsExactly(new Emitted("x", 70), new Watermark(69));
        assertThat(harness.clock().numberOfPendingTimers()).isZero();
    }

    @Test
    void withIdlenessMarksTheStreamIdleAfterTheTimeoutAndActiveAgainBeforeTheNextRecord() throws Exception {
        WatermarkStrategy<Long> strategy = WatermarkStrategy.<Long>forMonotonousTimestamps()
                .withTimestampAssigner((value, previous) -> value).withIdleness(Duration.ofMillis(500));
        OperatorHarness<Long, Long> harness = OperatorHarness.of(new TimestampsAndWatermarksOperator<>(strategy)).open();

        harness.element(100L);
        harness.advanceProcessingTime(200);
        harness.advanceProcessingTime(400);
        harness.advanceProcessingTime(600);
        assertThat(harness.output().events()).as("499 ms after the check that saw the record").doesNotContain(
                new Status(WatermarkStatus.IDLE));
        harness.advanceProcessingTime(800);
        harness.advanceProcessingTime(1_000);
        harness.operator().processWatermarkStatus(WatermarkStatus.ACTIVE);
        harness.element(300L);
        harness.advanceProcessingTime(1_200);

        assertThat(harness.output().events()).containsExactly(
                new Emitted(100L, 100), new Watermark(99),
                new Status(WatermarkStatus.IDLE),
                new Status(WatermarkStatus.ACTIVE), new Emitted(300L, 300), new Watermark(299));
    }

    @Test
    void anIdleTimeoutMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> WatermarkStrategy.<Long>forMonotonousTimestamps().withIdleness(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The idle timeout must be positive: PT0S");
    }
}
