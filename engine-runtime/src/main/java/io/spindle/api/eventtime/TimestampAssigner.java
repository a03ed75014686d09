package io.spindle.api.eventtime;

import java.io.Serializable;

/** Extracts the event-time timestamp (milliseconds) of a record. */
@FunctionalInterface
public interface TimestampAssigner<T> extends Serializable {
    long extractTimestamp(T element, long recordTimestamp);
}
