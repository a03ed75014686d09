package io.spindle.runtime.tasks.barrier;

import io.spindle.runtime.checkpoint.SnapshotType;

/** What a barrier handler tells its task; called in the task thread, between two records. */
public interface BarrierListener {

    /** Barrier {@code checkpointId} arrived on every open input: snapshot now and forward the barrier. */
    void triggerCheckpointOnBarrier(long checkpointId, long timestamp, SnapshotType type, String location,
            long alignmentNanos)
            throws Exception;

    /**
     * Unaligned: the first barrier of {@code checkpointId} arrived; snapshot now and send the
     * barrier ahead of the outputs' queued data. The input channels' in-flight data follows
     * through {@link #inFlightDataComplete} once every barrier is in.
     */
    void triggerUnalignedCheckpointOnBarrier(long checkpointId, long timestamp, String location) throws Exception;

    /** Every barrier of the unaligned checkpoint arrived: the in-flight data of each input channel that had any. */
    void inFlightDataComplete(long checkpointId, java.util.Map<Integer, byte[]> channels);

    /** The checkpoint was aborted upstream or superseded: forward a cancellation marker, forget it. */
    void abortCheckpointOnBarrier(long checkpointId, String reason) throws Exception;
}
