package io.spindle.bench;

import io.spindle.api.JobID;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.Configuration;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.HadoopConfigurations;
import io.spindle.yarn.client.YarnClientFactory;
import io.spindle.yarn.client.YarnClusterDescriptor;
import io.spindle.yarn.client.YarnEntrypoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * {@link TaskManagerRecoveryBenchmark}'s measurement on YARN (the local sandbox, or whatever
 * HADOOP_CONF_DIR points at): a session whose TaskManagers have one slot, the same job at
 * parallelism 2 checkpointing to the cluster's default file system; each round kills the
 * processes of the sink's TaskManager container, and the ApplicationMaster asks YARN for a new
 * container, so a round includes a container's start. Arguments: the repository root, the
 * number of rounds (default 5).
 */
public final class YarnRecoveryBenchmark {
    private static final ClusterSpecification SPEC = new ClusterSpecification(768, 1024, 1);

    private YarnRecoveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        YarnConfiguration yarnConfiguration = HadoopConfigurations.load(Path.of(System.getenv("HADOOP_CONF_DIR")));
        Configuration configuration = new Configuration();
        configuration.setString("yarn.application.name", "spindle-recovery-benchmark");
        configuration.setString("yarn.provided.lib.dirs", YarnDeploymentBenchmark.providedLibDirectory(home, yarnConfiguration));
        FileSystem fileSystem = FileSystem.get(yarnConfiguration);
        org.apache.hadoop.fs.Path checkpoints = fileSystem.makeQualified(
                new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(), "spindle-bench-recovery-checkpoints"));
        Path benchmarkJar = home.resolve("it-tests/target/it-tests-0.1.0-SNAPSHOT.jar");
        try (YarnClusterDescriptor descriptor = new YarnClusterDescriptor(configuration, yarnConfiguration,
                        YarnDeploymentBenchmark.clusterFiles(home, Path.of(System.getenv("HADOOP_CONF_DIR"))),
                        YarnClientFactory.DEFAULT, YarnEntrypoints.DEFAULT, (applicationId, state) -> { });
                RecoveryListener listener = new RecoveryListener()) {
            ClusterClientHandle session = descriptor.deploySession(SPEC);
            String rest = session.restUrl();
            URI restUri = URI.create(rest);
            RestClusterClient client = new RestClusterClient(restUri.getHost(), restUri.getPort(), Duration.ofSeconds(5));
            try {
                JobID jobId = client.submitJob(TaskManagerRecoveryBenchmark.job(listener.port(), checkpoints.toString()),
                        List.of(benchmarkJar));
                double[] recoveries = TaskManagerRecoveryBenchmark.measure(rest, jobId, listener, rounds,
                        YarnRecoveryBenchmark::processesOfContainer, () -> { });
                client.cancel(jobId);
                TaskManagerRecoveryBenchmark.report("yarn", recoveries);
            } finally {
                BenchSupport.delete(rest + "/cluster");
                fileSystem.delete(checkpoints, true);
            }
        }
    }

    /** A container's processes, found by its id in their command line (their log directory). */
    private static List<ProcessHandle> processesOfContainer(String containerId) {
        List<ProcessHandle> processes = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(containerId)).toList();
        if (processes.isEmpty()) {
            throw new IllegalStateException("no process of container " + containerId + " runs on this machine");
        }
        return processes;
    }
}
