package io.spindle.yarn.client.cli;

import io.spindle.api.JobClient;
import io.spindle.api.JobExecutionException;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.client.rest.RestClientException;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.client.rest.RestJobClient;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;

/**
 * The job of a per-job cluster, attached: status and cancel go through the cluster's REST
 * endpoint; the result is the job's result from REST, then the application's end is awaited and
 * the descriptor closed. A per-job cluster shuts down with its job, so when its endpoint is gone
 * before the result was read, the application's final status decides. Thread-safe.
 */
final class PerJobClusterJobClient implements JobClient {
    /** How long the application may take to unregister once its job has ended. */
    static final Duration APPLICATION_END_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterClientHandle cluster;
    private final YarnClusterDescriptor descriptor;
    private final RestClusterClient restClient;
    private final RestJobClient jobClient;
    private final long startNanos = System.nanoTime();
    private CompletableFuture<JobExecutionResult> result;

    PerJobClusterJobClient(ClusterClientHandle cluster, YarnClusterDescriptor descriptor, RestClusterClient restClient,
            JobID jobId) {
        this.cluster = cluster;
        this.descriptor = descriptor;
        this.restClient = restClient;
        this.jobClient = new RestJobClient(restClient, jobId);
    }

    @Override
    public JobID getJobID() {
        return jobClient.getJobID();
    }

    @Override
    public CompletableFuture<JobStatus> getJobStatus() {
        return jobClient.getJobStatus();
    }

    @Override
    public CompletableFuture<Void> cancel() {
        return jobClient.cancel();
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(String savepointDirectoryOrNull) {
        return jobClient.triggerSavepoint(savepointDirectoryOrNull);
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(boolean advanceToEndOfEventTime, String savepointDirectoryOrNull) {
        return jobClient.stopWithSavepoint(advanceToEndOfEventTime, savepointDirectoryOrNull);
    }

    @Override
    public synchronized CompletableFuture<JobExecutionResult> getJobExecutionResult() {
        if (result == null) {
            result = CompletableFuture.supplyAsync(this::awaitResult, command -> {
                Thread waiter = new Thread(command, "per-job-result-" + cluster.applicationId());
                waiter.setDaemon(true);
                waiter.start();
            });
        }
        return result;
    }

    private JobExecutionResult awaitResult() {
        try {
            JobExecutionResult fromRest = null;
            try {
                fromRest = restClient.waitForResult(getJobID());
            } catch (RestClientException endpointGone) {
                // The cluster ended with its job before the result was read: its final status tells how.
            }
            FinalApplicationStatus status = cluster.waitForFinalStatus(APPLICATION_END_TIMEOUT);
            if (fromRest != null) {
                return fromRest;
            }
            if (status == FinalApplicationStatus.SUCCEEDED) {
                return new JobExecutionResult(getJobID(), Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), Map.of());
            }
            ApplicationReport report = cluster.report();
            throw new JobExecutionException(getJobID(), JobStatus.FAILED, "The per-job cluster "
                    + cluster.applicationId() + " ended as " + status + ": " + report.getDiagnostics()
                    + " See its logs with: yarn logs -applicationId " + cluster.applicationId(), null);
        } catch (JobExecutionException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (Exception e) {
            throw new CompletionException(new JobExecutionException(getJobID(), JobStatus.FAILED,
                    "Lost track of the per-job cluster " + cluster.applicationId() + ": " + e.getMessage(), e));
        } finally {
            descriptor.close();
        }
    }
}
