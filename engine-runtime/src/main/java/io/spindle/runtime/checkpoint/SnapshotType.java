package io.spindle.runtime.checkpoint;

/**
 * What a snapshot is for, carried from the coordinator's trigger through every barrier, as
 * Flink's checkpoint and savepoint types are. A stopping savepoint ends the job once it
 * completes: its sources emit nothing after their barrier, and no task finishes its operators
 * afterwards, so the savepoint holds all the job did. A draining one first advances event time
 * to the end and finishes every operator (windows fire, sinks flush) before its barrier.
 */
public enum SnapshotType {
    CHECKPOINT(0),
    SAVEPOINT(1),
    /** Stop with savepoint, without drain: the job resumed from it goes on where this one stopped. */
    STOP_SAVEPOINT(2),
    /** Stop with savepoint and drain ({@code spindle stop --drain}): for a job that ends for good. */
    DRAIN_SAVEPOINT(3);

    private final int code;

    SnapshotType(int code) {
        this.code = code;
    }

    public boolean isSavepoint() {
        return this != CHECKPOINT;
    }

    /** Whether the job ends once this snapshot completes. */
    public boolean stopsJob() {
        return this == STOP_SAVEPOINT || this == DRAIN_SAVEPOINT;
    }

    public boolean drains() {
        return this == DRAIN_SAVEPOINT;
    }

    /** Its number on the wire (RPC field and barrier byte). */
    public int code() {
        return code;
    }

    public static SnapshotType ofCode(int code) {
        for (SnapshotType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown snapshot type " + code);
    }
}
