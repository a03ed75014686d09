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

    /** The input has ended for good: emit what is pending (after the final watermark). */
    default void finish() throws Exception {}

    /** Releases resources; called on success, failure and cancellation. */
    default void close() throws Exception {}

    /** Writes the operator's state for a checkpoint. Checkpoints arrive in a later issue. */
    default void snapshotState(OperatorStateWriter writer) throws Exception {}

    /** Restores what {@link #snapshotState} wrote, before {@link #open}. */
    default void initializeState(OperatorStateReader reader) throws Exception {}
}
