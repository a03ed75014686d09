package io.spindle.runtime.tasks;

import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;

/** Where a task reports its part of a checkpoint: to the JobMaster's coordinator. Callable from any thread. */
public interface CheckpointResponder {
    void acknowledgeCheckpoint(AcknowledgeCheckpoint acknowledgement);

    void declineCheckpoint(String executionId, long checkpointId, Throwable cause);

    /**
     * A source's input has ended and it waits for a checkpoint covering all it emitted: asks for
     * one now instead of at the next interval, so bounded jobs end without waiting.
     */
    void requestFinalCheckpoint(String executionId);
}
