package io.spindle.runtime.checkpoint;

/**
 * Why a checkpoint did not complete, and whether that counts towards
 * {@code execution.checkpointing.tolerable-failed-checkpoints}. Only failures that say
 * something about the job's health count: a trigger that was skipped, or a checkpoint given up
 * because the job stops or a newer checkpoint completed, does not.
 */
public enum CheckpointFailureReason {
    /** Trigger skipped: not every task is running (deploying, restarting) or no source is left. */
    TASKS_NOT_READY(false, "not all tasks are running"),
    /** Trigger skipped: as many checkpoints as allowed are in progress. */
    TOO_MANY_CONCURRENT(false, "too many checkpoints in progress"),
    /** Trigger skipped: the minimum pause since the end of the previous checkpoint is not over. */
    MIN_PAUSE(false, "the minimum pause between checkpoints is not over"),
    /** Trigger refused: the job has no checkpoint interval, so only savepoints are taken. */
    CHECKPOINTING_DISABLED(false, "checkpointing is not enabled for the job (set execution.checkpointing.interval)"),
    /** A task could not take its part of the checkpoint. */
    DECLINED(true, "declined by a task"),
    /** Not all tasks acknowledged within the checkpoint timeout. */
    EXPIRED(true, "expired before completing"),
    /** The checkpoint's metadata could not be built, written or retained. */
    FINALIZE_FAILED(true, "failure while finalizing"),
    /** The checkpoint could not get an id or a directory. */
    IO_FAILURE(true, "I/O failure"),
    /** The job is failing, restarting, stopping or the coordinator shut down. */
    JOB_STOPPING(false, "the job is stopping or restarting"),
    /** A newer checkpoint completed first; this one would never be restored. */
    SUBSUMED(false, "subsumed by a newer checkpoint");

    private final boolean countsAsFailure;
    private final String description;

    CheckpointFailureReason(boolean countsAsFailure, String description) {
        this.countsAsFailure = countsAsFailure;
        this.description = description;
    }

    /** Whether this failure counts towards the tolerable consecutive failures. */
    public boolean countsAsFailure() {
        return countsAsFailure;
    }

    /** A few words for messages, e.g. "expired before completing". */
    public String description() {
        return description;
    }
}
