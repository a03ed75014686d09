package io.spindle.runtime.scheduler;

import io.spindle.api.JobStatus;
import io.spindle.runtime.checkpoint.StateAssignment;

/**
 * What the scheduler needs of checkpoints: when to take them, and what to restore from. Backed
 * by the checkpoint coordinator, or by one that does nothing when checkpointing is off.
 */
public interface CheckpointControl {

    /** The state to deploy a new attempt with, or null to start from scratch. */
    StateAssignment stateToRestore() throws Exception;

    /** All tasks of an attempt run: periodic checkpoints may start. */
    void onAllTasksRunning();

    /**
     * A task finished: a pending checkpoint still waiting for its acknowledgement will never get
     * it (its trigger came while it was finishing) and is aborted, so the next one can start.
     */
    default void onTaskFinished(String executionId) {}

    /** The attempt is ending (failure, restart, cancel): pending checkpoints are aborted, none start. */
    void onAttemptEnding();

    /** The job is globally terminal: retained checkpoints are kept or deleted as the policy says. */
    void onJobTerminal(JobStatus status);
}
