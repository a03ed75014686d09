package io.spindle.runtime.tasks.barrier;

import io.spindle.runtime.checkpoint.SnapshotType;

/** What a barrier handler tells its task; called in the task thread, between two records. */
public interface BarrierListener {

    /** Barrier {@code checkpointId} arrived on every open input: snapshot now and forward the barrier. */
    void triggerCheckpointOnBarrier(long checkpointId, long timestamp, SnapshotType type, String location,
            long alignmentNanos)
            throws Exception;

    /** The checkpoint was aborted upstream or superseded: forward a cancellation marker, forget it. */
    void abortCheckpointOnBarrier(long checkpointId, String reason) throws Exception;
}
