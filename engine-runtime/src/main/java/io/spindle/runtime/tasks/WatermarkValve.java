package io.spindle.runtime.tasks;

import java.util.Arrays;

/**
 * Combines the watermarks of a task's input channels: event time of the task is the minimum
 * over the channels that have not ended; an ended channel no longer holds it back.
 */
final class WatermarkValve {
    private final long[] channelWatermarks;
    private final boolean[] ended;
    private long combined = Long.MIN_VALUE;

    WatermarkValve(int channels) {
        channelWatermarks = new long[channels];
        Arrays.fill(channelWatermarks, Long.MIN_VALUE);
        ended = new boolean[channels];
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

    private long recompute() {
        long min = Long.MAX_VALUE;
        boolean anyOpen = false;
        for (int i = 0; i < channelWatermarks.length; i++) {
            if (!ended[i]) {
                anyOpen = true;
                min = Math.min(min, channelWatermarks[i]);
            }
        }
        // When all channels ended the task's own end-of-input handling emits the final watermark.
        if (anyOpen && min > combined) {
            combined = min;
            return min;
        }
        return Long.MIN_VALUE;
    }
}
