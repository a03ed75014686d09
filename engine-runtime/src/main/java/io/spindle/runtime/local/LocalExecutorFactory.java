package io.spindle.runtime.local;

import io.spindle.api.JobClient;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.deployment.PipelineExecutorFactory;

/**
 * {@code execution.target: local}: each job gets a LocalCluster with one TaskManager holding as
 * many slots as the job's highest parallelism; the cluster stops when the job ends.
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
                client = cluster.submitJob(jobGraph, userClassLoader);
            } catch (Exception e) {
                cluster.close();
                throw e;
            }
            client.getJobExecutionResult().whenComplete((result, failure) -> {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // The job's outcome is what the caller waits for; a failed shutdown does not change it.
                }
            });
            return client;
        };
    }
}
