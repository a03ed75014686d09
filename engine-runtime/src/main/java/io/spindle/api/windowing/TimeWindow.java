package io.spindle.api.windowing;

/** A window covering {@code [start, end)} in milliseconds. */
public record TimeWindow(long start, long end) {
    /** The last timestamp that belongs to the window; its timer fires at this time. */
    public long maxTimestamp() {
        return end - 1;
    }

    /** Start of the tumbling window of {@code size} that holds {@code timestamp}. */
    public static long windowStart(long timestamp, long offset, long size) {
        return timestamp - Math.floorMod(timestamp - offset, size);
    }
}
