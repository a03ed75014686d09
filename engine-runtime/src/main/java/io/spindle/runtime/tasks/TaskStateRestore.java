package io.spindle.runtime.tasks;

import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import io.spindle.runtime.checkpoint.storage.KeyedStateFiles;
import io.spindle.runtime.operators.StateInitializationContext;
import io.spindle.runtime.state.KeyGroupConsumer;
import io.spindle.runtime.state.KeyGroupRange;
import io.spindle.runtime.state.StateBackendFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One operator's share of the state a task was deployed with. The JobMaster already picked it:
 * the keyed-state files whose key groups overlap this instance's range, and this instance's part
 * of the operator's list states.
 */
final class TaskStateRestore implements StateInitializationContext {
    private final OptionalLong restoredCheckpointId;
    private final List<KeyGroupsStateHandle> keyedState = new ArrayList<>();
    private final List<ListStateEntries> operatorState = new ArrayList<>();
    private final StateBackendFactory stateBackendFactory;

    TaskStateRestore(TaskDescriptor task, String operatorId, StateBackendFactory stateBackendFactory) {
        this.stateBackendFactory = stateBackendFactory;
        this.restoredCheckpointId = task.isRestored() ? OptionalLong.of(task.restoredCheckpointId()) : OptionalLong.empty();
        TaskStateSnapshot snapshot = task.restoredState();
        if (snapshot != null) {
            for (OperatorSubtaskState state : snapshot.getOperatorsList()) {
                if (state.getOperatorId().equals(operatorId)) {
                    keyedState.addAll(state.getKeyedStateList());
                    operatorState.addAll(state.getOperatorStateList());
                }
            }
        }
    }

    @Override
    public OptionalLong restoredCheckpointId() {
        return restoredCheckpointId;
    }

    @Override
    public List<ListStateEntries> operatorState() {
        return operatorState;
    }

    @Override
    public void readKeyGroups(KeyGroupRange range, KeyGroupConsumer consumer) throws IOException {
        for (KeyGroupsStateHandle handle : keyedState) {
            KeyedStateFiles.read(handle, range, consumer);
        }
    }

    @Override
    public StateBackendFactory stateBackendFactory() {
        return stateBackendFactory;
    }
}
