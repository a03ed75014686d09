package io.spindle.runtime.jobmaster;

import io.spindle.runtime.messages.SlotGrant;

/** One attempt to run one parallel instance of a vertex. Main thread of the JobMaster only. */
final class Execution {
    enum State {
        CREATED, DEPLOYING, RUNNING, FINISHED, CANCELED, FAILED;

        boolean isTerminal() {
            return this == FINISHED || this == CANCELED || this == FAILED;
        }
    }

    final String executionId;
    final int vertexId;
    final String vertexName;
    final int subtaskIndex;
    final int attempt;
    final SlotGrant slot;
    State state = State.CREATED;

    Execution(String executionId, int vertexId, String vertexName, int subtaskIndex, int attempt, SlotGrant slot) {
        this.executionId = executionId;
        this.vertexId = vertexId;
        this.vertexName = vertexName;
        this.subtaskIndex = subtaskIndex;
        this.attempt = attempt;
        this.slot = slot;
    }

    @Override
    public String toString() {
        return vertexName + " (" + (subtaskIndex + 1) + ")#" + attempt + " [" + state + "]";
    }
}
