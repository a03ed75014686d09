package io.spindle.runtime.checkpoint;

import java.util.ArrayList;
import java.util.List;

/** Tasks a test sets, and a record of what the coordinator sent them. */
final class FakeTaskGateway implements CheckpointTaskGateway {
    record Trigger(String executionId, long checkpointId, long timestamp, String directory, SnapshotType type) {}

    /** Null: not every task is running. */
    List<Task> tasks;
    final List<Trigger> triggers = new ArrayList<>();
    /** "executionId@checkpointId" */
    final List<String> completed = new ArrayList<>();
    final List<String> aborted = new ArrayList<>();

    @Override
    public List<Task> tasksForCheckpoint() {
        return tasks;
    }

    @Override
    public void triggerCheckpoint(String executionId, long checkpointId, long timestamp, String checkpointDirectory,
            SnapshotType type) {
        triggers.add(new Trigger(executionId, checkpointId, timestamp, checkpointDirectory, type));
    }

    @Override
    public void notifyCheckpointComplete(String executionId, long checkpointId) {
        completed.add(executionId + "@" + checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(String executionId, long checkpointId) {
        aborted.add(executionId + "@" + checkpointId);
    }

    List<String> triggeredExecutions(long checkpointId) {
        return triggers.stream().filter(trigger -> trigger.checkpointId() == checkpointId)
                .map(Trigger::executionId).toList();
    }
}
