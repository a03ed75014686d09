package io.spindle.yarn.client.cli;

import io.spindle.client.program.PipelineOptions;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.client.rest.RestJobClient;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.deployment.PipelineExecutorFactory;
import io.spindle.rest.RestOptions;
import java.util.Map;

/**
 * {@code execution.target: yarn-session}: submits each job, with the jars of
 * {@code pipeline.jars}, to the running YARN session named by {@code yarn.application.id} or
 * recorded by {@code yarn-session.sh} in {@code .yarn-properties-<user>}.
 */
public final class YarnSessionExecutorFactory implements PipelineExecutorFactory {
    public static final String TARGET = "yarn-session";

    private final Map<String, String> environment;

    /** Used by {@link java.util.ServiceLoader}: reads the process environment. */
    public YarnSessionExecutorFactory() {
        this(System.getenv());
    }

    YarnSessionExecutorFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public PipelineExecutor create(Configuration configuration) {
        Configuration copy = new Configuration(configuration);
        return (jobGraph, userClassLoader) -> {
            YarnSessionLocator.RunningSession session = YarnSessionLocator.require(copy, environment);
            RestClusterClient client = new RestClusterClient(session.restHost(), session.restPort(),
                    copy.get(RestOptions.CONNECTION_TIMEOUT));
            return new RestJobClient(client, client.submitJob(jobGraph, PipelineOptions.jars(copy)));
        };
    }
}
