package io.spindle.runtime.jobmaster;

import io.spindle.api.JobStatus;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.JobSummary;
import java.util.concurrent.CompletableFuture;

/** One running job as the Dispatcher sees it; the JobMaster, or a fake in the Dispatcher's tests. */
public interface JobMasterService extends AutoCloseable {
    void start();

    /** Completes once, when the job is globally terminal; exceptionally if the service stops first. */
    CompletableFuture<JobResultMessage> getResultFuture();

    CompletableFuture<JobSummary> requestSummary();

    CompletableFuture<JobDetailsMessage> requestDetails();

    CompletableFuture<JobExceptionsMessage> requestExceptions();

    CompletableFuture<JobStatus> requestStatus();

    /**
     * The job's checkpoint statistics and configuration as JSON ({@code checkpoints},
     * {@code config}, in Flink's shapes); null inside the future when the job does not checkpoint.
     */
    CompletableFuture<String> requestCheckpointStats();

    /**
     * Takes a savepoint into {@code targetDirectoryOrNull} (null: the job's default savepoint
     * directory); completes with its location once its metadata is written.
     */
    CompletableFuture<String> triggerSavepoint(String targetDirectoryOrNull);

    /**
     * Stops the job with a savepoint into {@code targetDirectoryOrNull}; {@code drain} advances
     * event time to the end and finishes every operator first. Completes with the savepoint's
     * location once the job has FINISHED; fails if the savepoint fails (the job then runs on, or
     * restarts after a drain) or the job ends otherwise.
     */
    CompletableFuture<String> stopWithSavepoint(String targetDirectoryOrNull, boolean drain);

    /** Takes a checkpoint now, as a periodic one would be; completes with its id once it completed. */
    CompletableFuture<Long> triggerCheckpoint();

    CompletableFuture<Void> cancel();

    @Override
    void close();
}
