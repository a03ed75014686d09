package io.spindle.runtime.checkpoint;

import com.google.protobuf.ByteString;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import io.spindle.runtime.state.KeyGroupRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deals a completed checkpoint's state out to the subtasks of a job, possibly at another
 * parallelism than the one it was taken at: each subtask gets the keyed-state files whose key
 * groups overlap its own range (it reads only its key groups from them), and its share of every
 * list state: its own elements when the parallelism is unchanged, otherwise an even split of all
 * instances' elements; union list state goes to everyone whole.
 */
public final class StateAssignment {
    private final CheckpointMetadata metadata;
    private final Map<String, OperatorState> operators = new HashMap<>();

    public StateAssignment(CheckpointMetadata metadata) {
        this.metadata = metadata;
        for (OperatorState operator : metadata.getOperatorsList()) {
            operators.put(operator.getOperatorId(), operator);
        }
    }

    public long checkpointId() {
        return metadata.getCheckpointId();
    }

    /**
     * Checks, before any task runs, that the state fits the job: every operator with state exists
     * in the job (unless {@code allowNonRestoredState}) and keeps its max parallelism.
     *
     * @throws IllegalStateException saying what does not fit and what to do
     */
    public void checkFits(JobGraph jobGraph, boolean allowNonRestoredState) {
        Map<String, JobVertex> vertexOfOperator = new HashMap<>();
        for (JobVertex vertex : jobGraph.getVertices()) {
            for (String operatorId : vertex.operatorIds()) {
                vertexOfOperator.put(operatorId, vertex);
            }
        }
        Set<String> unmatched = new TreeSet<>();
        for (OperatorState operator : metadata.getOperatorsList()) {
            JobVertex vertex = vertexOfOperator.get(operator.getOperatorId());
            if (vertex == null) {
                if (operator.getSubtasksCount() > 0) {
                    unmatched.add(operator.getOperatorId() + (operator.getOperatorName().isEmpty() ? ""
                            : " (" + operator.getOperatorName() + ")"));
                }
                continue;
            }
            if (hasKeyedState(operator) && operator.getMaxParallelism() != vertex.maxParallelism()) {
                throw new IllegalStateException("Operator " + operator.getOperatorId() + " (" + operator.getOperatorName()
                        + ") was checkpointed with max parallelism " + operator.getMaxParallelism() + ", but the job gives it "
                        + vertex.maxParallelism() + ". Keyed state can only be restored with the same max parallelism:"
                        + " set it with setMaxParallelism(" + operator.getMaxParallelism() + ").");
            }
        }
        checkInFlightDataFits(vertexOfOperator);
        if (!unmatched.isEmpty() && !allowNonRestoredState) {
            throw new IllegalStateException("Checkpoint " + metadata.getCheckpointId() + " holds state for operators"
                    + " that are not in the job: " + String.join(", ", unmatched) + ". Give the operators their former"
                    + " uid(...), or allow dropping that state with --allowNonRestoredState (-n).");
        }
    }

    /**
     * In-flight data of an unaligned checkpoint belongs to the channels between the instances it
     * was taken with: it restores only where every operator keeps its parallelism.
     */
    private void checkInFlightDataFits(Map<String, JobVertex> vertexOfOperator) {
        boolean inFlight = metadata.getOperatorsList().stream().flatMap(operator -> operator.getSubtasksList().stream())
                .anyMatch(OperatorSubtaskState::hasChannelState);
        if (!inFlight) {
            return;
        }
        for (OperatorState operator : metadata.getOperatorsList()) {
            JobVertex vertex = vertexOfOperator.get(operator.getOperatorId());
            if (vertex != null && vertex.parallelism() != operator.getParallelism()) {
                throw new IllegalStateException("Checkpoint " + metadata.getCheckpointId() + " is an unaligned checkpoint"
                        + " with in-flight data, which restores only at the parallelism it was taken at, but operator "
                        + operator.getOperatorId() + " (" + operator.getOperatorName() + ") ran with parallelism "
                        + operator.getParallelism() + " and now has " + vertex.parallelism() + ". Take a savepoint"
                        + " (always aligned) to change the parallelism.");
            }
        }
    }

    /** The state subtask {@code subtaskIndex} of {@code vertex} starts from; empty where there is none. */
    public TaskStateSnapshot assign(JobVertex vertex, int subtaskIndex) {
        TaskStateSnapshot.Builder snapshot = TaskStateSnapshot.newBuilder();
        KeyGroupRange range = KeyGroupRange.forSubtask(vertex.maxParallelism(), vertex.parallelism(), subtaskIndex);
        for (String operatorId : vertex.operatorIds()) {
            OperatorState operator = operators.get(operatorId);
            if (operator == null) {
                continue;
            }
            OperatorSubtaskState.Builder assigned = OperatorSubtaskState.newBuilder()
                    .setOperatorId(operatorId).setSubtaskIndex(subtaskIndex);
            for (OperatorSubtaskState former : operator.getSubtasksList()) {
                for (KeyGroupsStateHandle handle : former.getKeyedStateList()) {
                    if (overlaps(handle, range)) {
                        assigned.addKeyedState(handle);
                    }
                }
                if (former.hasChannelState() && former.getSubtaskIndex() == subtaskIndex
                        && operator.getParallelism() == vertex.parallelism()) {
                    assigned.setChannelState(former.getChannelState());
                }
            }
            assigned.addAllOperatorState(listStates(operator, vertex.parallelism(), subtaskIndex));
            snapshot.addOperators(assigned);
        }
        return snapshot.build();
    }

    private static List<ListStateEntries> listStates(OperatorState operator, int parallelism, int subtaskIndex) {
        Map<String, List<ByteString>> elementsByName = new LinkedHashMap<>();
        Map<String, Boolean> unionByName = new HashMap<>();
        Map<String, List<ByteString>> ownByName = new HashMap<>();
        for (OperatorSubtaskState former : operator.getSubtasksList()) {
            for (ListStateEntries entries : former.getOperatorStateList()) {
                elementsByName.computeIfAbsent(entries.getName(), n -> new ArrayList<>()).addAll(entries.getElementsList());
                unionByName.put(entries.getName(), entries.getUnion());
                if (former.getSubtaskIndex() == subtaskIndex) {
                    ownByName.computeIfAbsent(entries.getName(), n -> new ArrayList<>()).addAll(entries.getElementsList());
                }
            }
        }
        boolean sameParallelism = operator.getParallelism() == parallelism;
        List<ListStateEntries> assigned = new ArrayList<>();
        elementsByName.forEach((name, all) -> {
            boolean union = unionByName.get(name);
            List<ByteString> share;
            if (union) {
                share = all;
            } else if (sameParallelism) {
                share = ownByName.getOrDefault(name, List.of());
            } else {
                share = new ArrayList<>();
                for (int i = subtaskIndex; i < all.size(); i += parallelism) {
                    share.add(all.get(i));
                }
            }
            assigned.add(ListStateEntries.newBuilder().setName(name).setUnion(union).addAllElements(share).build());
        });
        return assigned;
    }

    private static boolean hasKeyedState(OperatorState operator) {
        for (OperatorSubtaskState subtask : operator.getSubtasksList()) {
            if (subtask.getKeyedStateCount() > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(KeyGroupsStateHandle handle, KeyGroupRange range) {
        int first = handle.getFirstKeyGroup();
        int last = first + handle.getOffsetsCount() - 1;
        return first <= range.lastKeyGroup() && last >= range.firstKeyGroup();
    }
}
