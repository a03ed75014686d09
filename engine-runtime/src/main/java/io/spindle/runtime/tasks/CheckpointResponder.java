package io.spindle.runtime.tasks;

import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;

/** Where a task reports its part of a checkpoint: to the JobMaster's coordinator. Callable from any thread. */
public interface CheckpointResponder {
    void acknowledgeCheckpoint(AcknowledgeCheckpoint acknowledgement);

    void declineCheckpoint(String executionId, long checkpointId, Throwable cause);
}
