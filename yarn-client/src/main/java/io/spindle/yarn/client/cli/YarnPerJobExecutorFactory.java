package io.spindle.yarn.client.cli;

import io.spindle.api.JobClient;
import io.spindle.client.program.PipelineOptions;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.client.rest.RestJobClient;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.deployment.PipelineExecutorFactory;
import io.spindle.graph.JobGraph;
import io.spindle.rest.RestOptions;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.DeploymentProgressListener;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code execution.target: yarn-per-job}: each job gets its own YARN application that runs it and
 * ends with it. The jars of {@code pipeline.jars} are shipped with the cluster and the job lists
 * them by file name, the name they have in the container's working directory. Attached, the
 * job's result is awaited; detached ({@code execution.attached: false}), the executor returns
 * once the cluster runs. The job's cached files on this machine are shipped through the
 * cluster's staging directory.
 */
public final class YarnPerJobExecutorFactory implements PipelineExecutorFactory {
    public static final String TARGET = "yarn-per-job";

    private final Map<String, String> environment;
    private final PrintStream out;

    /** Used by {@link java.util.ServiceLoader}: reads the process environment, reports on standard output. */
    public YarnPerJobExecutorFactory() {
        this(System.getenv(), System.out);
    }

    YarnPerJobExecutorFactory(Map<String, String> environment, PrintStream out) {
        this.environment = Map.copyOf(environment);
        this.out = out;
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public PipelineExecutor create(Configuration configuration) {
        Configuration copy = new Configuration(configuration);
        return (jobGraph, userClassLoader) -> deploy(copy, jobGraph);
    }

    private JobClient deploy(Configuration configuration, JobGraph jobGraph) throws Exception {
        List<Path> jars = PipelineOptions.jars(configuration);
        List<String> jarNames = jars.stream().map(jar -> jar.getFileName().toString()).toList();
        JobGraph graph = jobGraph.withUserJars(jarNames);
        YarnDeploymentContext context = YarnDeploymentContext.create(configuration, environment);
        YarnClusterDescriptor descriptor = context.deployingDescriptor(jars, DeploymentProgressListener.printingTo(out));
        boolean handedOver = false;
        try {
            ClusterClientHandle cluster = descriptor.deployPerJob(ClusterSpecification.fromConfiguration(configuration), graph);
            out.println("Per-job cluster started: YARN application " + cluster.applicationId() + ", REST endpoint "
                    + cluster.restUrl());
            URI rest = URI.create(cluster.restUrl());
            RestClusterClient restClient = new RestClusterClient(rest.getHost(), rest.getPort(),
                    configuration.get(RestOptions.CONNECTION_TIMEOUT));
            if (!configuration.get(CoreOptions.EXECUTION_ATTACHED)) {
                out.println("The job runs detached in YARN application " + cluster.applicationId() + "; end it with"
                        + " 'spindle cancel " + jobGraph.getJobId() + " -Dyarn.application.id=" + cluster.applicationId()
                        + "', or with a savepoint with 'spindle stop' and the same arguments");
                return new RestJobClient(restClient, jobGraph.getJobId());
            }
            handedOver = true;
            return new PerJobClusterJobClient(cluster, descriptor, restClient, jobGraph.getJobId());
        } finally {
            if (!handedOver) {
                descriptor.close();
            }
        }
    }
}
