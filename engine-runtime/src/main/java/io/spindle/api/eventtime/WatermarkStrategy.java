package io.spindle.api.eventtime;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a stream gets event-time timestamps and watermarks. With bounded out-of-orderness the
 * watermark trails the highest timestamp seen by the bound (minus one millisecond), so a record
 * up to that much late still falls into its window.
 */
public final class WatermarkStrategy<T> implements Serializable {
    private final long maxOutOfOrdernessMillis;
    private final TimestampAssigner<T> timestampAssigner;
    private final long idleTimeoutMillis;

    private WatermarkStrategy(long maxOutOfOrdernessMillis, TimestampAssigner<T> assigner, long idleTimeoutMillis) {
        this.maxOutOfOrdernessMillis = maxOutOfOrdernessMillis;
        this.timestampAssigner = assigner;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    public static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("maxOutOfOrderness must not be negative: " + maxOutOfOrderness);
        }
        return new WatermarkStrategy<>(maxOutOfOrderness.toMillis(), null, -1);
    }

    public static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
        return new WatermarkStrategy<>(0, null, -1);
    }

    public WatermarkStrategy<T> withTimestampAssigner(TimestampAssigner<T> assigner) {
        return new WatermarkStrategy<>(maxOutOfOrdernessMillis, Objects.requireNonNull(assigner), idleTimeoutMillis);
    }

    /**
     * Marks the stream idle when no record arrived for {@code idleTimeout}, so that a source
     * instance (or partition) that has gone quiet does not hold back the watermark of the operators
     * downstream, which take the minimum over their inputs; its next record makes it active again.
     */
    public WatermarkStrategy<T> withIdleness(Duration idleTimeout) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("The idle timeout must be positive: " + idleTimeout);
        }
        return new WatermarkStrategy<>(maxOutOfOrdernessMillis, timestampAssigner, idleTimeout.toMillis());
    }

    public long getMaxOutOfOrdernessMillis() {
        return maxOutOfOrdernessMillis;
    }

    /** The assigner, or null to keep the timestamps the source attached. */
    public TimestampAssigner<T> getTimestampAssigner() {
        return timestampAssigner;
    }

    /** Milliseconds without records after which the stream counts as idle, or -1 for never. */
    public long getIdleTimeoutMillis() {
        return idleTimeoutMillis;
    }
}
