package io.spindle.api.connectors.filesink;

import java.time.Duration;
import java.util.Objects;

/**
 * Rolls a part file once it holds {@code maxPartSize} bytes, once it has been open for the
 * rollover interval, or once no record has reached it for the inactivity interval; the defaults
 * are Flink's: 128 MiB, 60 s and 60 s. Checkpoints roll every file in any case (see
 * {@link RollingPolicy}).
 */
public final class DefaultRollingPolicy implements RollingPolicy {
    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_MAX_PART_SIZE = 128L * 1024 * 1024;
    public static final Duration DEFAULT_ROLLOVER_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_INACTIVITY_INTERVAL = Duration.ofSeconds(60);

    private final long maxPartSize;
    private final long rolloverIntervalMillis;
    private final long inactivityIntervalMillis;

    private DefaultRollingPolicy(long maxPartSize, long rolloverIntervalMillis, long inactivityIntervalMillis) {
        this.maxPartSize = maxPartSize;
        this.rolloverIntervalMillis = rolloverIntervalMillis;
        this.inactivityIntervalMillis = inactivityIntervalMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean shouldRollOnEvent(PartFileInfo partFile) {
        return partFile.getSize() >= maxPartSize;
    }

    @Override
    public boolean shouldRollOnProcessingTime(PartFileInfo partFile, long currentTimeMillis) {
        return currentTimeMillis - partFile.getCreationTime() >= rolloverIntervalMillis
                || currentTimeMillis - partFile.getLastUpdateTime() >= inactivityIntervalMillis;
    }

    public long getMaxPartSize() {
        return maxPartSize;
    }

    public Duration getRolloverInterval() {
        return Duration.ofMillis(rolloverIntervalMillis);
    }

    public Duration getInactivityInterval() {
        return Duration.ofMillis(inactivityIntervalMillis);
    }

    /** Collects the three limits; what is not set keeps its default. */
    public static final class Builder {
        private long maxPartSize = DEFAULT_MAX_PART_SIZE;
        private Duration rolloverInterval = DEFAULT_ROLLOVER_INTERVAL;
        private Duration inactivityInterval = DEFAULT_INACTIVITY_INTERVAL;

        private Builder() {}

        public Builder withMaxPartSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("The maximum part size must be positive, but is " + bytes + " bytes");
            }
            this.maxPartSize = bytes;
            return this;
        }

        public Builder withRolloverInterval(Duration interval) {
            this.rolloverInterval = positive(interval, "rollover interval");
            return this;
        }

        public Builder withInactivityInterval(Duration interval) {
            this.inactivityInterval = positive(interval, "inactivity interval");
            return this;
        }

        public DefaultRollingPolicy build() {
            return new DefaultRollingPolicy(maxPartSize, rolloverInterval.toMillis(), inactivityInterval.toMillis());
        }

        private static Duration positive(Duration interval, String what) {
            Objects.requireNonNull(interval, what);
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("The " + what + " must be positive, but is " + interval);
            }
            return interval;
        }
    }
}
