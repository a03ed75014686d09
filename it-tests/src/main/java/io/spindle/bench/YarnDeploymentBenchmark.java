package io.spindle.bench;

import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterFiles;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.DeploymentProgressListener;
import io.spindle.yarn.client.YarnClientFactory;
import io.spindle.yarn.client.YarnEntrypoints;
import io.spindle.yarn.client.HadoopConfigurations;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Deployment latencies on YARN (the local sandbox, or whatever HADOOP_CONF_DIR points at), in
 * the shape Apache Flink 1.20 was measured in: JobManager 768m, TaskManagers 1024m with 1 slot,
 * a {@code fromSequence(1,1000)} to discarding-sink job at parallelism 2. Arguments: the
 * repository root.
 */
public final class YarnDeploymentBenchmark {
    private static final double FLINK_DEPLOY_TO_REST = 5.0;
    private static final double FLINK_SUBMIT_TO_FINISHED = 15.3;
    private static final double FLINK_DEPLOY_TO_FINISHED = 21.1;
    private static final double FLINK_SHUTDOWN = 0.19;
    private static final ClusterSpecification SPEC = new ClusterSpecification(768, 1024, 1);

    private YarnDeploymentBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        Path hadoopConf = Path.of(System.getenv("HADOOP_CONF_DIR"));
        YarnConfiguration yarnConfiguration = HadoopConfigurations.load(hadoopConf);
        long benchStart = System.nanoTime();
        DeploymentProgressListener progress = (applicationId, state) -> System.err.printf(
                "  %.3f s: %s is %s%n", (System.nanoTime() - benchStart) / 1e9, applicationId, state);
        // As recommended for repeated deployments: Spindle's lib/ lives on the cluster's file system
        // once (yarn.provided.lib.dirs), so a deployment uploads only its configuration, and the
        // NodeManagers keep the PUBLIC jars cached between applications.
        Configuration configuration = new Configuration();
        configuration.setString("yarn.provided.lib.dirs", providedLibDirectory(home, yarnConfiguration));
        try (YarnClusterDescriptor descriptor = new YarnClusterDescriptor(configuration, yarnConfiguration,
                clusterFiles(home, hadoopConf), YarnClientFactory.DEFAULT, YarnEntrypoints.DEFAULT, progress)) {
            long deployStart = System.nanoTime();
            ClusterClientHandle session = descriptor.deploySession(SPEC);
            double deployToRest = (System.nanoTime() - deployStart) / 1e9;
            String rest = session.restUrl();
            URI restUri = URI.create(rest);
            RestClusterClient client = new RestClusterClient(restUri.getHost(), restUri.getPort(), Duration.ofSeconds(5));

            long submitted = System.nanoTime();
            JobID jobId = client.submitJob(trivialJob(), List.of());
            double taskManagersRegistered = BenchSupport.secondsUntil(submitted, Duration.ofSeconds(120), "2 TaskManagers",
                    () -> BenchSupport.get(rest + "/overview").path("taskmanagers").asInt() == 2);
            double running = BenchSupport.secondsUntil(submitted, Duration.ofSeconds(120), "job running or done",
                    () -> !BenchSupport.get(rest + "/jobs/" + jobId).path("state").asText().equals("CREATED")
                            && BenchSupport.get(rest + "/jobs/" + jobId).path("vertices").get(0).path("status").asText()
                                    .matches("RUNNING|FINISHED"));
            double finished = BenchSupport.secondsUntil(submitted, Duration.ofSeconds(120), "job finished",
                    () -> BenchSupport.get(rest + "/jobs/" + jobId).path("state").asText().equals("FINISHED"));

            long shutdownStart = System.nanoTime();
            BenchSupport.delete(rest + "/cluster");
            double shutdown = BenchSupport.secondsUntil(shutdownStart, Duration.ofSeconds(60), "application FINISHED",
                    () -> session.report().getYarnApplicationState() == YarnApplicationState.FINISHED);

            long perJobStart = System.nanoTime();
            ClusterClientHandle perJob = descriptor.deployPerJob(SPEC, trivialJob().toBytes());
            double perJobFinished = BenchSupport.secondsUntil(perJobStart, Duration.ofSeconds(180), "per-job FINISHED",
                    () -> perJob.report().getYarnApplicationState() == YarnApplicationState.FINISHED);

            System.out.printf("spindle YARN_SESSION_DEPLOY_TO_REST seconds=%.3f vs_flink=%.2fx%n",
                    deployToRest, FLINK_DEPLOY_TO_REST / deployToRest);
            System.out.printf("spindle YARN_SUBMIT_TO_2_TMS_REGISTERED seconds=%.3f%n", taskManagersRegistered);
            System.out.printf("spindle YARN_SUBMIT_TO_RUNNING P=2 seconds=%.3f%n", running);
            System.out.printf("spindle YARN_SUBMIT_TO_FINISHED P=2 seconds=%.3f vs_flink=%.2fx%n",
                    finished, FLINK_SUBMIT_TO_FINISHED / finished);
            System.out.printf("spindle YARN_DEPLOY_TO_FINISHED P=2 seconds=%.3f vs_flink=%.2fx%n",
                    deployToRest + finished, FLINK_DEPLOY_TO_FINISHED / (deployToRest + finished));
            System.out.printf("spindle YARN_SHUTDOWN_TO_FINISHED seconds=%.3f vs_flink=%.2fx%n", shutdown, FLINK_SHUTDOWN / shutdown);
            System.out.printf("spindle YARN_PER_JOB_SUBMIT_TO_FINISHED P=2 seconds=%.3f%n", perJobFinished);
        }
    }

    private static JobGraph trivialJob() {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.setParallelism(2);
        env.fromSequence(1, 1000).addSink(new DiscardingSink<>());
        return env.getJobGraph("trivial");
    }

    /** Uploads Spindle's jars to {@code <home>/.spindle-lib} on the cluster's file system, again only when rebuilt. */
    private static String providedLibDirectory(Path home, YarnConfiguration yarnConfiguration) throws Exception {
        FileSystem fileSystem = FileSystem.get(yarnConfiguration);
        org.apache.hadoop.fs.Path directory = new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(), ".spindle-lib");
        fileSystem.mkdirs(directory);
        for (Path jar : libJars(home)) {
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(directory, jar.getFileName().toString());
            if (!fileSystem.exists(target) || fileSystem.getFileStatus(target).getModificationTime()
                    < Files.getLastModifiedTime(jar).toMillis()) {
                fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(jar.toUri()), target);
            }
        }
        return fileSystem.makeQualified(directory).toString();
    }

    private static List<Path> libJars(Path home) throws Exception {
        List<Path> libJars = new ArrayList<>();
        libJars.add(home.resolve("engine-runtime/target/engine-runtime-0.1.0-SNAPSHOT.jar"));
        libJars.add(home.resolve("yarn-appmaster/target/yarn-appmaster-0.1.0-SNAPSHOT.jar"));
        try (Stream<Path> lib = Files.list(home.resolve("engine-runtime/target/lib"))) {
            lib.filter(jar -> jar.toString().endsWith(".jar")).forEach(libJars::add);
        }
        return libJars;
    }

    private static ClusterFiles clusterFiles(Path home, Path hadoopConf) {
        List<Path> confFiles = new ArrayList<>(List.of(home.resolve("conf/log4j2-jobmanager.xml"),
                home.resolve("conf/log4j2-taskmanager.xml")));
        for (String site : new String[] {"core-site.xml", "hdfs-site.xml", "yarn-site.xml"}) {
            if (Files.exists(hadoopConf.resolve(site))) {
                confFiles.add(hadoopConf.resolve(site));
            }
        }
        return new ClusterFiles(List.of(), confFiles, List.of());
    }
}
