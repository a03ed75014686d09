package io.spindle.api.windowing;

import java.time.Duration;

/** Fixed-size, non-overlapping windows on the wall clock of the machine processing records. */
public final class TumblingProcessingTimeWindows extends WindowAssigner {
    private TumblingProcessingTimeWindows(long size, long offset) {
        super(size, offset);
    }

    public static TumblingProcessingTimeWindows of(Duration size) {
        return new TumblingProcessingTimeWindows(size.toMillis(), 0);
    }

    @Override
    public boolean isEventTime() {
        return false;
    }
}
