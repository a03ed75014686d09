package io.spindle.client;

import io.spindle.api.JobClient;
import io.spindle.api.JobExecutionException;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.rpc.RpcTimeoutException;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.messages.SavepointLocation;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.util.SerializedThrowables;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A {@link JobClient} that talks to the Dispatcher over RPC. */
public final class DispatcherJobClient implements JobClient {
    private static final Duration RESULT_POLL = Duration.ofSeconds(30);
    /** How long a savepoint may take; the job's checkpoint timeout ends it sooner. */
    private static final Duration LONGEST_SAVEPOINT = Duration.ofHours(1);

    private final DispatcherGateway dispatcher;
    private final JobID jobId;
    private final ClassLoader userClassLoader;
    private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();

    public DispatcherJobClient(DispatcherGateway dispatcher, JobID jobId, ClassLoader userClassLoader) {
        this.dispatcher = dispatcher;
        this.jobId = jobId;
        this.userClassLoader = userClassLoader;
        awaitResult();
    }

    @Override
    public JobID getJobID() {
        return jobId;
    }

    @Override
    public CompletableFuture<JobStatus> getJobStatus() {
        return dispatcher.requestJobStatus(jobId).thenApply(message -> JobStatus.valueOf(message.getStatus()));
    }

    @Override
    public CompletableFuture<Void> cancel() {
        return dispatcher.cancelJob(jobId).thenApply(ignored -> null);
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(String savepointDirectoryOrNull) {
        return dispatcher.triggerSavepoint(jobId, savepointDirectoryOrNull, LONGEST_SAVEPOINT)
                .thenApply(SavepointLocation::getLocation);
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(boolean advanceToEndOfEventTime, String savepointDirectoryOrNull) {
        return dispatcher.stopWithSavepoint(jobId, savepointDirectoryOrNull, advanceToEndOfEventTime, LONGEST_SAVEPOINT)
                .thenApply(SavepointLocation::getLocation);
    }

    @Override
    public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
        return result;
    }

    /** Long-polls the Dispatcher: a poll that times out is simply asked again. */
    private void awaitResult() {
        dispatcher.requestJobResult(jobId, RESULT_POLL).whenComplete((message, failure) -> {
            if (failure == null) {
                complete(message);
            } else if (unwrap(failure) instanceof RpcTimeoutException) {
                awaitResult();
            } else {
                result.completeExceptionally(unwrap(failure));
            }
        });
    }

    private void complete(JobResultMessage message) {
        JobStatus status = JobStatus.valueOf(message.getStatus());
        if (status == JobStatus.FINISHED) {
            result.complete(new JobExecutionResult(jobId, message.getEndTime() - message.getStartTime(),
                    message.getAccumulatorsMap()));
            return;
        }
        Throwable cause = message.hasFailure() ? SerializedThrowables.fromProto(message.getFailure(), userClassLoader) : null;
        String text = status == JobStatus.CANCELED ? "Job " + jobId + " was cancelled"
                : "Job " + jobId + " failed" + (cause == null ? "" : ": " + cause);
        result.completeExceptionally(new JobExecutionException(jobId, status, text, cause));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
