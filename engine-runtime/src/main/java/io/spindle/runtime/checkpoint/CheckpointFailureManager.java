package io.spindle.runtime.checkpoint;

import java.util.function.Consumer;

/**
 * Fails the job when checkpoints keep failing: more than {@code tolerableFailures} counted
 * failures in a row (see {@link CheckpointFailureReason#countsAsFailure()}) fail it, a completed
 * checkpoint starts the count again. A job that is failed this way starts counting from zero,
 * so that the coordinator, which outlives restarts, fails it again only after another run of
 * failures.
 */
final class CheckpointFailureManager {
    private final int tolerableFailures;
    private final Consumer<Throwable> failJob;
    private int consecutiveFailures;

    CheckpointFailureManager(int tolerableFailures, Consumer<Throwable> failJob) {
        this.tolerableFailures = tolerableFailures;
        this.failJob = failJob;
    }

    /** A checkpoint completed. */
    void handleSuccess() {
        consecutiveFailures = 0;
    }

    /**
     * A checkpoint failed; {@code checkpointId} is negative when it failed before it got an id.
     * Called last by the coordinator: failing the job may call back into it.
     */
    void handleFailure(long checkpointId, CheckpointException failure) {
        if (!failure.getReason().countsAsFailure()) {
            return;
        }
        consecutiveFailures++;
        if (consecutiveFailures > tolerableFailures) {
            consecutiveFailures = 0;
            String which = checkpointId < 0 ? "a checkpoint" : "checkpoint " + checkpointId;
            failJob.accept(new CheckpointException(failure.getReason(), "Exceeded checkpoint tolerable failure"
                    + " threshold (" + tolerableFailures + "): " + which + " failed: " + failure.getMessage(), failure));
        }
    }
}
