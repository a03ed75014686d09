package io.spindle.runtime.operators;

/**
 * A record travelling through an operator chain: its value and, in event time, its timestamp.
 * Operators reuse one instance per output ({@link #replace}) so the hot path allocates nothing.
 */
public final class StreamRecord<T> {
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private T value;
    private long timestamp;

    public StreamRecord(T value) {
        this(value, NO_TIMESTAMP);
    }

    public StreamRecord(T value, long timestamp) {
        this.value = value;
        this.timestamp = timestamp;
    }

    public T getValue() {
        return value;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public boolean hasTimestamp() {
        return timestamp != NO_TIMESTAMP;
    }

    /** Sets a new value and keeps the timestamp; returns this record retyped. */
    @SuppressWarnings("unchecked")
    public <X> StreamRecord<X> replace(X newValue) {
        this.value = (T) newValue;
        return (StreamRecord<X>) this;
    }

    @SuppressWarnings("unchecked")
    public <X> StreamRecord<X> replace(X newValue, long newTimestamp) {
        this.value = (T) newValue;
        this.timestamp = newTimestamp;
        return (StreamRecord<X>) this;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    public void eraseTimestamp() {
        this.timestamp = NO_TIMESTAMP;
    }

    @Override
    public String toString() {
        return hasTimestamp() ? "StreamRecord(" + value + " @ " + timestamp + ")" : "StreamRecord(" + value + ")";
    }
}
