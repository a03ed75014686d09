package io.spindle.client.rest;

import io.spindle.api.JobClient;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link JobClient} for a job in a cluster reached over REST. The result is polled for only
 * once someone asks for it, so a detached submission costs the cluster nothing afterwards.
 * Thread-safe.
 */
public final class RestJobClient implements JobClient {
    private final RestClusterClient client;
    private final JobID jobId;
    private CompletableFuture<JobExecutionResult> result;

    public RestJobClient(RestClusterClient client, JobID jobId) {
        this.client = client;
        this.jobId = jobId;
    }

    @Override
    public JobID getJobID() {
        return jobId;
    }

    @Override
    public CompletableFuture<JobStatus> getJobStatus() {
        return client.jobDetailsAsync(jobId).thenApply(details -> toJobStatus(details.state()));
    }

    @Override
    public CompletableFuture<Void> cancel() {
        return client.cancelAsync(jobId);
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(String savepointDirectoryOrNull) {
        return awaitOnOwnThread("savepoint", () -> client.awaitSavepoint(jobId,
                client.triggerSavepoint(jobId, savepointDirectoryOrNull)));
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(boolean advanceToEndOfEventTime, String savepointDirectoryOrNull) {
        return awaitOnOwnThread("stop", () -> client.awaitSavepoint(jobId,
                client.stopWithSavepoint(jobId, savepointDirectoryOrNull, advanceToEndOfEventTime)));
    }

    /** Polls a savepoint operation on a daemon thread of its own, so no caller's thread waits. */
    private CompletableFuture<String> awaitOnOwnThread(String what, SavepointCall call) {
        CompletableFuture<String> location = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                location.complete(call.run());
            } catch (Throwable t) {
                location.completeExceptionally(t);
            }
        }, what + "-of-job-" + jobId);
        waiter.setDaemon(true);
        waiter.start();
        return location;
    }

    @FunctionalInterface
    private interface SavepointCall {
        String run() throws InterruptedException;
    }

    @Override
    public synchronized CompletableFuture<JobExecutionResult> getJobExecutionResult() {
        if (result == null) {
            result = client.requestJobResult(jobId);
        }
        return result;
    }

    private JobStatus toJobStatus(String state) {
        try {
            return JobStatus.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new RestClientException("The Spindle REST endpoint at " + client.getEndpoint() + " reported job "
                    + jobId + " in the unknown state '" + state + "'", -1, e);
        }
    }
}
