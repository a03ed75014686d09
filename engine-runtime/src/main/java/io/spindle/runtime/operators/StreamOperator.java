package io.spindle.runtime.operators;

import java.io.Serializable;

/**
 * An operator of a chain. It is built on the client with the user's function, serialized into
 * the JobGraph and set up in every parallel instance of its task. All methods are called from
 * the task's thread.
 */
public interface StreamOperator<OUT> extends Serializable {
    void setup(StreamOperatorParameters<OUT> parameters);

    /** Opens user functions and creates state. */
    void open() throws Exception;

    /**
     * Event time has advanced to {@code watermark}: fire due event-time timers, then forward it.
     * The task calls this with {@link Long#MAX_VALUE} when a bounded input has ended.
     */
    void processWatermark(long watermark) throws Exception;

    /** The input (all of its channels) became idle or active again: forward it, if anything is downstream. */
    void processWatermarkStatus(WatermarkStatus status) throws Exception;

    /** The input has ended for good: emit what is pending (after the final watermark). */
    default void finish() throws Exception {}

    /** Releases resources; called on success, failure and cancellation. */
    default void close() throws Exception {}

    /**
     * Creates the operator's state, restored from a checkpoint when the context has one. Called
     * after {@link #setup} and before {@link #open}.
     */
    default void initializeState(StateInitializationContext context) throws Exception {}

    /**
     * Takes the operator's part of checkpoint {@code checkpointId}: called in the task thread
     * between two records, so it must be quick and must copy whatever live state it returns.
     */
    default OperatorSnapshot snapshotState(long checkpointId, long timestamp) throws Exception {
        return OperatorSnapshot.EMPTY;
    }

    /** A checkpoint this operator took part in is complete: two-phase operators commit now. */
    default void notifyCheckpointComplete(long checkpointId) throws Exception {}

    /** A checkpoint this operator took part in was aborted. */
    default void notifyCheckpointAborted(long checkpointId) throws Exception {}
}
