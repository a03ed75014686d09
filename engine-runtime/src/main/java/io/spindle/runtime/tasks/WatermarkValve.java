package io.spindle.runtime.tasks;

import java.util.Arrays;

/**
 * Combines the watermarks of a task's input channels: event time of the task is the minimum
 * over the channels that are active, that is neither ended nor idle, so that neither a finished
 * input nor one whose source has gone quiet holds it back. The combined watermark never goes
 * back: a channel that turns active again behind it holds further progress back until it has
 * caught up, rather than making its records late right away.
 *
 * <p>The task itself is idle while all channels that have not ended are idle; then it passes the
 * status on, and it becomes active again with the first channel that does.
 */
final class WatermarkValve {
    private final long[] channelWatermarks;
    private final boolean[] ended;
    private final boolean[] idle;
    private long combined = Long.MIN_VALUE;

    WatermarkValve(int channels) {
        channelWatermarks = new long[channels];
        Arrays.fill(channelWatermarks, Long.MIN_VALUE);
        ended = new boolean[channels];
        idle = new boolean[channels];
    }

    /** Returns the new combined watermark if it advanced, else {@link Long#MIN_VALUE}. */
    long onWatermark(int channel, long watermark) {
        if (watermark > channelWatermarks[channel]) {
            channelWatermarks[channel] = watermark;
        }
        return recompute();
    }

    /** Returns the new combined watermark if it advanced, else {@link Long#MIN_VALUE}. */
    long onChannelEnded(int channel) {
        ended[channel] = true;
        return recompute();
    }

    /**
     * The channel's stream became idle (or active again). Returns the new combined watermark if
     * leaving the channel out let it advance, else {@link Long#MIN_VALUE}.
     */
    long onWatermarkStatus(int channel, boolean channelIdle) {
        idle[channel] = channelIdle;
        return recompute();
    }

    /** Whether every channel that has not ended is idle (and at least one is). */
    boolean isIdle() {
        boolean anyIdle = false;
        for (int i = 0; i < idle.length; i++) {
            if (!ended[i]) {
                if (!idle[i]) {
                    return false;
                }
                anyIdle = true;
            }
        }
        return anyIdle;
    }

    private long recompute() {
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int i = 0; i < channelWatermarks.length; i++) {
            if (!ended[i] && !idle[i]) {
                anyActive = true;
                min = Math.min(min, channelWatermarks[i]);
            }
        }
        // When all channels ended the task's own end-of-input handling emits the final watermark;
        // when all that are left are idle, nothing is known about event time, so it stays.
        if (anyActive && min > combined) {
            combined = min;
            return min;
        }
        return Long.MIN_VALUE;
    }
}
