package io.spindle.api.windowing;

import java.io.Serializable;

/** Assigns a record to the tumbling window it falls into, on event or processing time. */
public abstract class WindowAssigner implements Serializable {
    private final long sizeMillis;
    private final long offsetMillis;

    protected WindowAssigner(long sizeMillis, long offsetMillis) {
        if (sizeMillis <= 0) {
            throw new IllegalArgumentException("window size must be positive, was " + sizeMillis + " ms");
        }
        if (Math.abs(offsetMillis) >= sizeMillis) {
            throw new IllegalArgumentException("window offset must be smaller than its size");
        }
        this.sizeMillis = sizeMillis;
        this.offsetMillis = offsetMillis;
    }

    public abstract boolean isEventTime();

    public long getSizeMillis() {
        return sizeMillis;
    }

    public TimeWindow assignWindow(long timestamp) {
        long start = TimeWindow.windowStart(timestamp, offsetMillis, sizeMillis);
        return new TimeWindow(start, start + sizeMillis);
    }
}
