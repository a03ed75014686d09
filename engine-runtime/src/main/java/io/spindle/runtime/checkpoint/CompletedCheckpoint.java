package io.spindle.runtime.checkpoint;

import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * A checkpoint or savepoint whose metadata is written: it can be restored. The id, trigger
 * timestamp and savepoint flag are read from the metadata, so that they cannot disagree with
 * what a later restore reads from the {@value CheckpointStorage#METADATA_FILE_NAME} file.
 */
public final class CompletedCheckpoint {
    private final String location;
    private final CheckpointMetadata metadata;
    private final long completionTimestamp;

    public CompletedCheckpoint(String location, CheckpointMetadata metadata, long completionTimestamp) {
        this.location = Objects.requireNonNull(location);
        this.metadata = Objects.requireNonNull(metadata);
        this.completionTimestamp = completionTimestamp;
    }

    public long checkpointId() {
        return metadata.getCheckpointId();
    }

    public long triggerTimestamp() {
        return metadata.getTimestamp();
    }

    public long completionTimestamp() {
        return completionTimestamp;
    }

    /** The checkpoint's directory (chk-n), the metadata file inside it. */
    public String location() {
        return location;
    }

    public CheckpointMetadata metadata() {
        return metadata;
    }

    public boolean isSavepoint() {
        return metadata.getSavepoint();
    }

    /**
     * The state one subtask of the given operators (a task's chain) wrote, in the order of
     * {@code operatorIds}; operators without state for that subtask are left out. This is how a
     * task that finished hands its last state on to later checkpoints.
     */
    public TaskStateSnapshot stateOf(List<String> operatorIds, int subtaskIndex) {
        TaskStateSnapshot.Builder snapshot = TaskStateSnapshot.newBuilder();
        for (String operatorId : operatorIds) {
            for (OperatorState operator : metadata.getOperatorsList()) {
                if (!operator.getOperatorId().equals(operatorId)) {
                    continue;
                }
                for (OperatorSubtaskState subtask : operator.getSubtasksList()) {
                    if (subtask.getSubtaskIndex() == subtaskIndex) {
                        snapshot.addOperators(subtask);
                    }
                }
            }
        }
        return snapshot.build();
    }

    /** Bytes of state: the keyed state files, the inline list state elements and in-flight data (unaligned). */
    public long stateSize() {
        long size = 0;
        for (OperatorState operator : metadata.getOperatorsList()) {
            for (OperatorSubtaskState subtask : operator.getSubtasksList()) {
                for (KeyGroupsStateHandle keyed : subtask.getKeyedStateList()) {
                    size += keyed.getSize();
                }
                if (subtask.hasChannelState()) {
                    size += subtask.getChannelState().getSize();
                }
                for (ListStateEntries list : subtask.getOperatorStateList()) {
                    for (var element : list.getElementsList()) {
                        size += element.size();
                    }
                }
            }
        }
        return size;
    }

    @Override
    public String toString() {
        return (isSavepoint() ? "savepoint " : "checkpoint ") + checkpointId() + " at " + location;
    }
}
