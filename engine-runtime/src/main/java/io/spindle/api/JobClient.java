package io.spindle.api;

import java.util.concurrent.CompletableFuture;

/** A handle on a submitted job. */
public interface JobClient {
    JobID getJobID();

    CompletableFuture<JobStatus> getJobStatus();

    CompletableFuture<Void> cancel();

    /**
     * Takes a savepoint of the running job into {@code savepointDirectoryOrNull} (null: the job's
     * {@code execution.checkpointing.savepoint-dir}); completes with its location.
     */
    CompletableFuture<String> triggerSavepoint(String savepointDirectoryOrNull);

    /**
     * Stops the job with a savepoint, as {@code spindle stop} does; {@code advanceToEndOfEventTime}
     * drains it first (every window fires). Completes with the savepoint's location once the job
     * has FINISHED; fails if the savepoint failed, and the job then runs on.
     */
    CompletableFuture<String> stopWithSavepoint(boolean advanceToEndOfEventTime, String savepointDirectoryOrNull);

    /**
     * Completes with the result when the job finishes, or exceptionally with a
     * {@link JobExecutionException} when it fails or is cancelled.
     */
    CompletableFuture<JobExecutionResult> getJobExecutionResult();
}
