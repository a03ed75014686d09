package io.spindle.runtime.executiongraph;

/** The life cycle of one attempt of one subtask, with Flink's state names. */
public enum ExecutionState {
    CREATED, DEPLOYING, RUNNING, FINISHED, CANCELED, FAILED;

    public boolean isTerminal() {
        return this == FINISHED || this == CANCELED || this == FAILED;
    }
}
