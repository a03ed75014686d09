package io.spindle.bench;

import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.SinkFunction;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.ClusterOptions;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptReport;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Deployment latencies on YARN (the local sandbox, or whatever HADOOP_CONF_DIR points at), in
 * the shape Apache Flink 1.20 was measured in: JobManager 768m, TaskManagers 1024m with 1 slot,
 * a {@code fromSequence(1,1000)} to discarding-sink job at parallelism 2 (in a session, the sink
 * also reports its first record, and the job ships this module's small jar for it). Arguments: the
 * repository root, the number of measured rounds (default 3).
 */
public final class YarnDeploymentBenchmark {
    private static final double FLINK_DEPLOY_TO_REST = 5.0;
    private static final double FLINK_SUBMIT_TO_FINISHED = 15.3;
    private static final double FLINK_DEPLOY_TO_FINISHED = 21.1;
    private static final double FLINK_SHUTDOWN = 0.19;
    private static final ClusterSpecification SPEC = new ClusterSpecification(768, 1024, 1);
    /**
     * Long enough for the class-data dumps that start when the first job and tasks end: on the quiet
     * sandbox they find idle cores at once and take about 4 s each, two at a time on 2 cores.
     */
    private static final Duration WARM_UP_IDLE = Duration.ofSeconds(20);

    private YarnDeploymentBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path hadoopConf = Path.of(System.getenv("HADOOP_CONF_DIR"));
        YarnConfiguration yarnConfiguration = HadoopConfigurations.load(hadoopConf);
        long benchStart = System.nanoTime();
        DeploymentProgressListener progress = (applicationId, state) -> System.err.printf(
                "  %.3f s: %s is %s%n", (System.nanoTime() - benchStart) / 1e9, applicationId, state);
        // As recommended for repeated deployments: Spindle's lib/ lives on the cluster's file system
        // once (yarn.provided.lib.dirs), so a deployment uploads only its configuration, and the
        // NodeManagers keep the PUBLIC jars cached between applications.
        Configuration onDemand = new Configuration();
        onDemand.setString("yarn.provided.lib.dirs", providedLibDirectory(home, yarnConfiguration));
        Configuration warmPool = new Configuration(onDemand);
        warmPool.set(ClusterOptions.MIN_SLOTS, 2);
        ClusterFiles files = clusterFiles(home, hadoopConf);
        // The session job's sink (FirstRecordSignalSink) comes from this jar, shipped as its user jar.
        Path benchmarkJar = home.resolve("it-tests/target/it-tests-0.1.0-SNAPSHOT.jar");
        try (YarnClusterDescriptor descriptor = new YarnClusterDescriptor(onDemand, yarnConfiguration, files,
                        YarnClientFactory.DEFAULT, YarnEntrypoints.DEFAULT, progress);
                YarnClusterDescriptor warmPoolDescriptor = new YarnClusterDescriptor(warmPool, yarnConfiguration, files,
                        YarnClientFactory.DEFAULT, YarnEntrypoints.DEFAULT, progress)) {
            // The first deployments fill the NodeManagers' caches: the lib jars and, as their sessions idle
            // a while after the job, each node's class-data archives (ClassDataArchive). They go on until
            // a JobManager ran on every node, as YARN picks the AM's node. They are not counted in the medians.
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            try (YarnClient yarn = YarnClient.createYarnClient()) {
                yarn.init(yarnConfiguration);
                yarn.start();
                int nodes = yarn.getNodeReports(NodeState.RUNNING).size();
                Set<NodeId> warmedUp = new HashSet<>();
                for (int attempt = 0; warmedUp.size() < nodes && attempt < 3 * nodes; attempt++) {
                    Map<String, Double> warmUp = sessionRound(descriptor, benchmarkJar, WARM_UP_IDLE,
                            session -> warmedUp.add(applicationMasterNode(yarn, session)));
                    seconds.putIfAbsent("FIRST_DEPLOY_TO_FINISHED", List.of(warmUp.get("DEPLOY_TO_FINISHED")));
                }
                if (warmedUp.size() < nodes) {
                    System.out.printf("# warning: JobManagers ran on only %d of %d nodes during the warm-up;"
                            + " rounds on the others include their first class-data dump%n", warmedUp.size(), nodes);
                }
            }
            for (int round = 0; round < rounds; round++) {
                sessionRound(descriptor, benchmarkJar, Duration.ZERO, session -> { }).forEach((name, value) -> seconds.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
                long perJobStart = System.nanoTime();
                ClusterClientHandle perJob = descriptor.deployPerJob(SPEC, trivialJob(new DiscardingSink<>()).toBytes());
                seconds.computeIfAbsent("PER_JOB_SUBMIT_TO_FINISHED", n -> new ArrayList<>()).add(BenchSupport.secondsUntil(
                        perJobStart, Duration.ofSeconds(180), "per-job FINISHED",
                        () -> perJob.report().getYarnApplicationState() == YarnApplicationState.FINISHED));
                sessionRound(warmPoolDescriptor, benchmarkJar, Duration.ZERO, session -> { }).forEach((name, value) ->
                        seconds.computeIfAbsent("WARM_POOL_" + name, n -> new ArrayList<>()).add(value));
            }
            System.out.printf("# median of %d rounds after warm-up deployments (until a JobManager ran on every node); FIRST_: the first of those;"
                    + " WARM_POOL_: slotmanager.number-of-slots.min=2%n", rounds);
            Map<String, Double> flink = Map.of("SESSION_DEPLOY_TO_REST", FLINK_DEPLOY_TO_REST,
                    "SUBMIT_TO_FINISHED", FLINK_SUBMIT_TO_FINISHED, "DEPLOY_TO_FINISHED", FLINK_DEPLOY_TO_FINISHED,
                    "SHUTDOWN_TO_FINISHED", FLINK_SHUTDOWN, "WARM_POOL_SESSION_DEPLOY_TO_REST", FLINK_DEPLOY_TO_REST,
                    "WARM_POOL_DEPLOY_TO_FINISHED", FLINK_DEPLOY_TO_FINISHED);
            seconds.forEach((name, values) -> {
                double median = median(values);
                Double baseline = flink.get(name);
                System.out.printf("spindle YARN_%s seconds=%.3f%s rounds=%s%n", name, median,
                        baseline == null ? "" : String.format(" vs_flink=%.2fx", baseline / median),
                        values.stream().map(value -> String.format("%.2f", value)).toList());
            });
        }
    }

    /**
     * Deploys a session, runs the trivial job as soon as REST answers, lets the session idle for
     * {@code idle}, hands it to {@code beforeShutdown}, shuts it down.
     */
    private static Map<String, Double> sessionRound(YarnClusterDescriptor descriptor, Path benchmarkJar, Duration idle,
            SessionCheck beforeShutdown) throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long deployStart = System.nanoTime();
        ClusterClientHandle session = descriptor.deploySession(SPEC);
        double deployToRest = (System.nanoTime() - deployStart) / 1e9;
        String rest = session.restUrl();
        URI restUri = URI.create(rest);
        RestClusterClient client = new RestClusterClient(restUri.getHost(), restUri.getPort(), Duration.ofSeconds(5));

        double taskManagersRegistered;
        double firstRecord;
        double finished;
        try (FirstRecordListener firstRecordListener = new FirstRecordListener()) {
            long submitted = System.nanoTime();
            JobID jobId = client.submitJob(trivialJob(new FirstRecordSignalSink<>(firstRecordListener.port())),
                    List.of(benchmarkJar));
            taskManagersRegistered = BenchSupport.secondsUntil(submitted, Duration.ofSeconds(120), "2 TaskManagers",
                    () -> BenchSupport.get(rest + "/overview").path("taskmanagers").asInt() == 2);
            finished = BenchSupport.secondsUntil(submitted, Duration.ofSeconds(120), "job finished",
                    () -> BenchSupport.get(rest + "/jobs/" + jobId).path("state").asText().equals("FINISHED"));
            firstRecord = firstRecordListener.secondsSince(submitted, Duration.ofSeconds(5));
        }

        Thread.sleep(idle.toMillis());
        beforeShutdown.accept(session);
        long shutdownStart = System.nanoTime();
        BenchSupport.delete(rest + "/cluster");
        double shutdown = BenchSupport.secondsUntil(shutdownStart, Duration.ofSeconds(60), "application FINISHED",
                () -> session.report().getYarnApplicationState() == YarnApplicationState.FINISHED);
        seconds.put("SESSION_DEPLOY_TO_REST", deployToRest);
        seconds.put("SUBMIT_TO_2_TMS_REGISTERED", taskManagersRegistered);
        seconds.put("SUBMIT_TO_FIRST_RECORD", firstRecord);
        seconds.put("SUBMIT_TO_FINISHED", finished);
        seconds.put("DEPLOY_TO_FINISHED", deployToRest + finished);
        seconds.put("SHUTDOWN_TO_FINISHED", shutdown);
        return seconds;
    }

    private interface SessionCheck {
        void accept(ClusterClientHandle session) throws Exception;
    }

    /** The NodeManager the session's ApplicationMaster (its JobManager) runs on. */
    private static NodeId applicationMasterNode(YarnClient yarn, ClusterClientHandle session) throws Exception {
        ApplicationAttemptReport attempt = yarn.getApplicationAttemptReport(session.report().getCurrentApplicationAttemptId());
        return yarn.getContainerReport(attempt.getAMContainerId()).getAssignedNode();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static JobGraph trivialJob(SinkFunction<Long> sink) {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.setParallelism(2);
        env.fromSequence(1, 1000).addSink(sink);
        return env.getJobGraph("trivial");
    }

    /** Uploads Spindle's jars to {@code <home>/.spindle-lib} on the cluster's file system, again only when rebuilt. */
    static String providedLibDirectory(Path home, YarnConfiguration yarnConfiguration) throws Exception {
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
        libJars.addAll(jarsIn(home.resolve("engine-runtime/target/lib")));
        libJars.add(home.resolve("ha-zookeeper/target/ha-zookeeper-0.1.0-SNAPSHOT.jar"));
        libJars.addAll(jarsIn(home.resolve("ha-zookeeper/target/lib")));
        return libJars;
    }

    private static List<Path> jarsIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(jar -> jar.toString().endsWith(".jar")).toList();
        }
    }

    static ClusterFiles clusterFiles(Path home, Path hadoopConf) {
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
