package io.spindle.api.connectors.filesink;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Buckets by the processing time at which a record arrives, formatted with a
 * {@link DateTimeFormatter} pattern; the default {@code yyyy-MM-dd--HH} gives a directory per
 * hour, as in Flink. Without a zone the time zone is the default one of the JVM that builds the
 * job (the client), so every TaskManager names the hours alike whatever its own zone.
 */
public final class DateTimeBucketAssigner<IN> implements BucketAssigner<IN> {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_FORMAT = "yyyy-MM-dd--HH";

    private final String formatString;
    private final ZoneId zoneId;

    /** Not serializable, so made on first use on the TaskManager. */
    private transient DateTimeFormatter formatter;

    public DateTimeBucketAssigner() {
        this(DEFAULT_FORMAT);
    }

    public DateTimeBucketAssigner(String formatString) {
        this(formatString, ZoneId.systemDefault());
    }

    public DateTimeBucketAssigner(String formatString, ZoneId zoneId) {
        this.formatString = Objects.requireNonNull(formatString, "date-time format of the bucket ids");
        this.zoneId = Objects.requireNonNull(zoneId, "time zone of the bucket ids");
        try {
            DateTimeFormatter.ofPattern(formatString);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + formatString + "' is not a valid date-time pattern for bucket"
                    + " ids (see java.time.format.DateTimeFormatter): " + e.getMessage(), e);
        }
    }

    @Override
    public String getBucketId(IN element, long processingTimeMillis) {
        if (formatter == null) {
            formatter = DateTimeFormatter.ofPattern(formatString).withZone(zoneId);
        }
        return formatter.format(Instant.ofEpochMilli(processingTimeMillis));
    }
}
