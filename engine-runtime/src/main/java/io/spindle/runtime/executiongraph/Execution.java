package io.spindle.runtime.executiongraph;

import io.spindle.graph.JobVertex;
import io.spindle.runtime.messages.SlotGrant;
import java.util.EnumMap;
import java.util.Map;

/** One attempt to run one parallel instance of a vertex, and when it reached each state. */
public final class Execution {
    private final String executionId;
    private final JobVertex vertex;
    private final int subtaskIndex;
    private final int attempt;
    private final SlotGrant slot;
    private final Map<ExecutionState, Long> stateTimestamps = new EnumMap<>(ExecutionState.class);
    private ExecutionState state = ExecutionState.CREATED;

    Execution(String executionId, JobVertex vertex, int subtaskIndex, int attempt, SlotGrant slot, long now) {
        this.executionId = executionId;
        this.vertex = vertex;
        this.subtaskIndex = subtaskIndex;
        this.attempt = attempt;
        this.slot = slot;
        stateTimestamps.put(ExecutionState.CREATED, now);
    }

    public String executionId() {
        return executionId;
    }

    public JobVertex vertex() {
        return vertex;
    }

    public int subtaskIndex() {
        return subtaskIndex;
    }

    public int attempt() {
        return attempt;
    }

    public SlotGrant slot() {
        return slot;
    }

    public ExecutionState state() {
        return state;
    }

    /** When the execution entered {@code of}, or 0 if it never did. */
    public long timestamp(ExecutionState of) {
        return stateTimestamps.getOrDefault(of, 0L);
    }

    /** Moves to {@code next}; a terminal execution stays as it is. Returns whether it moved. */
    boolean transitionTo(ExecutionState next, long now) {
        if (state.isTerminal() || state == next) {
            return false;
        }
        state = next;
        stateTimestamps.put(next, now);
        return true;
    }

    @Override
    public String toString() {
        return vertex.name() + " (" + (subtaskIndex + 1) + "/" + vertex.parallelism() + ")#" + attempt + " [" + state + "]";
    }
}
