package io.spindle.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatermarkValveTest {
    private static final long NONE = Long.MIN_VALUE;

    @Test
    void theCombinedWatermarkIsTheMinimumOverTheChannelsAndOnlyAdvances() {
        WatermarkValve valve = new WatermarkValve(2);

        assertThat(valve.onWatermark(0, 10)).isEqualTo(NONE);
        assertThat(valve.onWatermark(1, 5)).isEqualTo(5);
        assertThat(valve.onWatermark(1, 20)).isEqualTo(10);
        assertThat(valve.onWatermark(1, 15)).as("a channel's watermark never goes back").isEqualTo(NONE);
        assertThat(valve.onWatermark(0, 30)).isEqualTo(20);
        assertThat(valve.onChannelEnded(1)).isEqualTo(30);
    }

    @Test
    void anIdleChannelNoLongerHoldsTheWatermarkBack() {
        WatermarkValve valve = new WatermarkValve(3);
        valve.onWatermark(0, 100);
        valve.onWatermark(1, 200);
        assertThat(valve.onWatermark(2, 7)).isEqualTo(7);

        assertThat(valve.onWatermarkStatus(2, true)).isEqualTo(100);
        assertThat(valve.isIdle()).isFalse();
        assertThat(valve.onWatermark(0, 300)).isEqualTo(200);
    }

    @Test
    void aChannelActiveAgainBehindTheCombinedWatermarkHoldsItUntilItCatchesUp() {
        WatermarkValve valve = new WatermarkValve(2);
        valve.onWatermark(0, 100);
        valve.onWatermark(1, 10);
        assertThat(valve.onWatermarkStatus(1, true)).isEqualTo(100);

        assertThat(valve.onWatermarkStatus(1, false)).as("the watermark does not go back to 10").isEqualTo(NONE);
        assertThat(valve.onWatermark(0, 300)).as("held by the channel that is behind").isEqualTo(NONE);
        assertThat(valve.onWatermark(1, 150)).isEqualTo(150);
        assertThat(valve.onWatermark(1, 400)).isEqualTo(300);
    }

    @Test
    void theTaskIsIdleWhileEveryChannelThatHasNotEndedIsIdle() {
        WatermarkValve valve = new WatermarkValve(3);
        valve.onWatermark(0, 50);
        valve.onWatermark(1, 60);
        valve.onWatermark(2, 70);

        assertThat(valve.onWatermarkStatus(0, true)).isEqualTo(60);
        assertThat(valve.onChannelEnded(1)).isEqualTo(70);
        assertThat(valve.isIdle()).isFalse();
        assertThat(valve.onWatermarkStatus(2, true)).as("no active channel left: event time stays").isEqualTo(NONE);
        assertThat(valve.isIdle()).isTrue();
        assertThat(valve.onWatermark(2, 500)).as("an idle channel's watermark does not count").isEqualTo(NONE);

        assertThat(valve.onWatermarkStatus(0, false)).as("channel 0 is behind at 50").isEqualTo(NONE);
        assertThat(valve.isIdle()).isFalse();
        assertThat(valve.onChannelEnded(0)).isEqualTo(NONE);
        assertThat(valve.isIdle()).as("only the idle channel 2 is left").isTrue();
        assertThat(valve.onChannelEnded(2)).isEqualTo(NONE);
        assertThat(valve.isIdle()).as("all ended: the end of input, not idleness").isFalse();
    }
}
