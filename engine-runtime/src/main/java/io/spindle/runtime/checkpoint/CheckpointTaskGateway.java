package io.spindle.runtime.checkpoint;

import java.util.List;

/**
 * The coordinator's view of the job's tasks: which take part in a checkpoint, and how to reach
 * them. Implemented by the JobMaster over the execution graph and the TaskManagers' gateways;
 * a fake in unit tests. Called on the JobMaster's main thread; sends never block.
 */
public interface CheckpointTaskGateway {

    /**
     * One parallel instance of a vertex in the current attempt. {@code source}: checkpoints
     * start here (a source, or a task whose input ended and that no barrier reaches any more).
     */
    record Task(String executionId, int vertexId, int subtaskIndex, boolean source, List<String> operatorIds,
            boolean finished) {}

    /**
     * The tasks of the current attempt, or null while not every task is running yet (being
     * deployed, restarting): no checkpoint can start then. Finished tasks are included with
     * {@code finished} set: they are neither triggered nor waited for.
     */
    List<Task> tasksForCheckpoint();

    /** Asks a source task to take a checkpoint now; its barrier then flows downstream. */
    void triggerCheckpoint(String executionId, long checkpointId, long timestamp, String checkpointDirectory,
            SnapshotType type);

    void notifyCheckpointComplete(String executionId, long checkpointId);

    /** Tells a task to drop what it did for the checkpoint and stop waiting for its barriers. */
    void notifyCheckpointAborted(String executionId, long checkpointId);
}
