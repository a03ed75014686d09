package io.spindle.api.windowing;

import java.time.Duration;

/** Fixed-size, non-overlapping windows on the records' event-time timestamps. */
public final class TumblingEventTimeWindows extends WindowAssigner {
    private TumblingEventTimeWindows(long size, long offset) {
        super(size, offset);
    }

    public static TumblingEventTimeWindows of(Duration size) {
        return new TumblingEventTimeWindows(size.toMillis(), 0);
    }

    public static TumblingEventTimeWindows of(Duration size, Duration offset) {
        return new TumblingEventTimeWindows(size.toMillis(), offset.toMillis());
    }

    @Override
    public boolean isEventTime() {
        return true;
    }
}
