package io.spindle.runtime.local;

import io.spindle.api.JobClient;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import io.spindle.client.program.PipelineOptions;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.deployment.PipelineExecutorFactory;

/**
 * {@code execution.target: local}: each job gets a LocalCluster with one TaskManager holding as
 * many slots as the job's highest parallelism, and the jars of {@code pipeline.jars}; the cluster
 * stops when the job ends.
 */
public final class LocalExecutorFactory implements PipelineExecutorFactory {
    @Override
    public String target() {
        return "local";
    }

    @Override
    public PipelineExecutor create(Configuration configuration) {
        return (jobGraph, userClassLoader) -> {
            LocalCluster cluster = LocalCluster.start(1, jobGraph.getMaximumParallelism(), configuration);
            JobClient client;
            try {
                client = cluster.submitJob(jobGraph, PipelineOptions.jars(configuration), userClassLoader);
            } catch (Exception e) {
                cluster.close();
                throw e;
            }
            // Whoever waits for the result finds the cluster stopped and its files gone: a CLI that
            // exits right after the result leaves nothing behind.
            CompletableFuture<JobExecutionResult> resultAfterShutdown = client.getJobExecutionResult()
                    .handle((result, failure) -> {
                        try {
                            cluster.close();
                        } catch (Exception ignored) {
                            // The job's outcome is what the caller waits for; a failed shutdown does not change it.
                        }
                        if (failure != null) {
                            throw failure instanceof CompletionException completion ? completion
                                    : new CompletionException(failure);
                        }
                        return result;
                    });
            return new ResultAfterShutdown(client, resultAfterShutdown);
        };
    }

    /** The job's client, whose result completes only once the job's cluster has stopped. */
    private record ResultAfterShutdown(JobClient job, CompletableFuture<JobExecutionResult> result) implements JobClient {
        @Override
        public JobID getJobID() {
            return job.getJobID();
        }

        @Override
        public CompletableFuture<JobStatus> getJobStatus() {
            return job.getJobStatus();
        }

        @Override
        public CompletableFuture<Void> cancel() {
            return job.cancel();
        }

        @Override
        public CompletableFuture<String> triggerSavepoint(String savepointDirectoryOrNull) {
            return job.triggerSavepoint(savepointDirectoryOrNull);
        }

        @Override
        public CompletableFuture<String> stopWithSavepoint(boolean advanceToEndOfEventTime,
                String savepointDirectoryOrNull) {
            return job.stopWithSavepoint(advanceToEndOfEventTime, savepointDirectoryOrNull);
        }

        @Override
        public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
            return result;
        }
    }
}
