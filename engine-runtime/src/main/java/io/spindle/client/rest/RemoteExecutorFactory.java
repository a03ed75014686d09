package io.spindle.client.rest;

import io.spindle.client.program.PipelineOptions;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.deployment.PipelineExecutorFactory;

/**
 * {@code execution.target: remote}: submits each job, with the jars listed in
 * {@code pipeline.jars}, to the running cluster at {@code rest.address}:{@code rest.port}.
 */
public final class RemoteExecutorFactory implements PipelineExecutorFactory {
    @Override
    public String target() {
        return "remote";
    }

    @Override
    public PipelineExecutor create(Configuration configuration) {
        RestClusterClient client = RestClusterClient.fromConfiguration(configuration);
        return (jobGraph, userClassLoader) ->
                new RestJobClient(client, client.submitJob(jobGraph, PipelineOptions.jars(configuration)));
    }
}
