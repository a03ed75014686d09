package io.spindle.yarn.client.cli;

import io.spindle.api.JobClient;
import io.spindle.api.JobID;
import io.spindle.client.program.PipelineOptions;
import io.spindle.client.rest.RestClientException;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.client.rest.RestJobClient;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.deployment.PipelineExecutorFactory;
import io.spindle.graph.JobGraph;
import io.spindle.rest.RestOptions;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.net.ConnectException;
import java.util.Map;

/**
 * {@code execution.target: yarn-session}: submits each job, with the jars of
 * {@code pipeline.jars}, to the running YARN session named by {@code yarn.application.id} or
 * recorded by {@code yarn-session.sh} in {@code .yarn-properties-<user>}. The job's cached files
 * on this machine are uploaded to the session's staging directory first.
 */
public final class YarnSessionExecutorFactory implements PipelineExecutorFactory {
    public static final String TARGET = "yarn-session";

    private final Map<String, String> environment;

    /** Used by {@link java.util.ServiceLoader}: reads the process environment. */
    public YarnSessionExecutorFactory() {
        this(System.getenv());
    }

    /** With the given environment in place of the process's ({@code HADOOP_CONF_DIR} above all). */
    public YarnSessionExecutorFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public PipelineExecutor create(Configuration configuration) {
        Configuration copy = new Configuration(configuration);
        return (jobGraph, userClassLoader) -> submit(copy, jobGraph);
    }

    private JobClient submit(Configuration configuration, JobGraph jobGraph) throws Exception {
        YarnSessionLocator.RunningSession session = YarnSessionLocator.require(configuration, environment);
        RestClusterClient client = new RestClusterClient(session.restHost(), session.restPort(),
                configuration.get(RestOptions.CONNECTION_TIMEOUT));
        if (!YarnClusterDescriptor.hasLocalCachedFiles(jobGraph)) {
            return new RestJobClient(client, client.submitJob(jobGraph, PipelineOptions.jars(configuration)));
        }
        try (YarnClusterDescriptor descriptor =
                YarnDeploymentContext.create(configuration, environment).attachingDescriptor()) {
            JobGraph shipped = descriptor.shipCachedFilesToSession(session.applicationId(), jobGraph);
            try {
                JobID jobId = client.submitJob(shipped, PipelineOptions.jars(configuration));
                return new RestJobClient(client, jobId);
            } catch (Exception e) {
                if (certainlyNotSubmitted(e)) {
                    descriptor.deleteCachedFilesOfSessionJob(session.applicationId(), jobGraph.getJobId());
                }
                throw e;
            }
        }
    }

    /**
     * Whether the session surely has no such job: it refused it, or could not be reached at all. After
     * anything else (a timeout, say) the job may run, and its copies stay until the session ends.
     */
    private static boolean certainlyNotSubmitted(Exception failure) {
        return failure instanceof RestClientException rest
                && (rest.getHttpStatus() >= 400 && rest.getHttpStatus() < 500 || rest.getCause() instanceof ConnectException);
    }
}
