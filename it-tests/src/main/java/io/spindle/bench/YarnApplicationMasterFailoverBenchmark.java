package io.spindle.bench;

import io.spindle.api.JobID;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.Configuration;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.HadoopConfigurations;
import io.spindle.yarn.client.YarnClientFactory;
import io.spindle.yarn.client.YarnClusterDescriptor;
import io.spindle.yarn.client.YarnConfigOptions;
import io.spindle.yarn.client.YarnEntrypoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Time from {@code kill -9} of the ApplicationMaster's JVM to records flowing again, on YARN (the
 * local sandbox, or whatever HADOOP_CONF_DIR points at) with ZooKeeper HA at its default session
 * timeout: a session whose two TaskManagers have one slot each runs the checkpointed job of
 * {@link TaskManagerRecoveryBenchmark} with the default two attempts; each round, once the last
 * kill is older than the attempt-failures validity interval, waits for a checkpoint, kills the current
 * attempt's AM, and waits until every sink subtask of the job that the next attempt recovered,
 * on the inherited TaskManagers, received a record. Arguments: the repository root, the
 * ZooKeeper quorum, the number of rounds (default 3).
 */
public final class YarnApplicationMasterFailoverBenchmark {
    private static final ClusterSpecification SPEC = new ClusterSpecification(768, 1024, 1);
    private static final Duration VALIDITY_INTERVAL =
            YarnConfigOptions.APPLICATION_ATTEMPT_FAILURES_VALIDITY_INTERVAL.defaultValue();

    private YarnApplicationMasterFailoverBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String quorum = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        YarnConfiguration yarnConfiguration = HadoopConfigurations.load(Path.of(System.getenv("HADOOP_CONF_DIR")));
        FileSystem fileSystem = FileSystem.get(yarnConfiguration);
        org.apache.hadoop.fs.Path work = fileSystem.makeQualified(
                new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(), "spindle-bench-am-failover"));
        Configuration configuration = new Configuration();
        configuration.setString("yarn.application.name", "spindle-am-failover-benchmark");
        configuration.setString("yarn.provided.lib.dirs", YarnDeploymentBenchmark.providedLibDirectory(home, yarnConfiguration));
        configuration.setString("high-availability.type", "zookeeper");
        configuration.setString("high-availability.zookeeper.quorum", quorum);
        configuration.setString("high-availability.zookeeper.path.root", "/spindle-bench");
        configuration.setString("high-availability.storageDir", new org.apache.hadoop.fs.Path(work, "ha").toString());
        configuration.setString("slotmanager.number-of-slots.min", String.valueOf(TaskManagerRecoveryBenchmark.PARALLELISM));
        Path benchmarkJar = home.resolve("it-tests/target/it-tests-0.1.0-SNAPSHOT.jar");
        try (YarnClusterDescriptor descriptor = new YarnClusterDescriptor(configuration, yarnConfiguration,
                        YarnDeploymentBenchmark.clusterFiles(home, Path.of(System.getenv("HADOOP_CONF_DIR"))),
                        YarnClientFactory.DEFAULT, YarnEntrypoints.DEFAULT, (applicationId, state) -> { });
                RecoveryListener listener = new RecoveryListener();
                YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(yarnConfiguration);
            yarn.start();
            ClusterClientHandle session = descriptor.deploySession(SPEC);
            ApplicationId applicationId = session.applicationId();
            try {
                URI rest = URI.create(session.restUrl());
                JobID jobId = new RestClusterClient(rest.getHost(), rest.getPort(), Duration.ofSeconds(5)).submitJob(
                        TaskManagerRecoveryBenchmark.job(listener.port(), new org.apache.hadoop.fs.Path(work, "checkpoints")
                                .toString()), List.of(benchmarkJar));
                listener.awaitAttempt(0, TaskManagerRecoveryBenchmark.PARALLELISM, Duration.ofSeconds(120));
                double[] failovers = new double[rounds];
                long previousKill = 0;
                for (int round = 0; round < rounds; round++) {
                    // With the default two attempts, YARN fails the application when two AM failures fall within
                    // yarn.application-attempt-failures-validity-interval: one failure at a time, as in production.
                    long agedOut = previousKill + VALIDITY_INTERVAL.plusSeconds(1).toNanos();
                    if (round > 0 && System.nanoTime() < agedOut) {
                        Thread.sleep((agedOut - System.nanoTime()) / 1_000_000);
                    }
                    String current = restUrl(yarn, applicationId);
                    int completed = checkpoints(current, jobId);
                    BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(60), "a checkpoint",
                            () -> checkpoints(current, jobId) > completed);
                    int attempt = yarn.getApplicationReport(applicationId).getCurrentApplicationAttemptId().getAttemptId();
                    ProcessHandle applicationMaster = applicationMasterProcess(applicationId, attempt);
                    long killed = System.nanoTime();
                    previousKill = killed;
                    applicationMaster.destroyForcibly();
                    long flowing;
                    try {
                        flowing = listener.awaitSignalsSince(killed, TaskManagerRecoveryBenchmark.PARALLELISM,
                                Duration.ofSeconds(180));
                    } catch (IllegalStateException noRecords) {
                        ApplicationReport report = yarn.getApplicationReport(applicationId);
                        throw new IllegalStateException(noRecords.getMessage() + " after the kill of attempt " + attempt
                                + "'s AM; the application is " + report.getYarnApplicationState() + ": "
                                + report.getDiagnostics(), noRecords);
                    }
                    failovers[round] = (flowing - killed) / 1e9;
                    System.err.printf("  round %d: records flowing %.3f s after the kill of attempt %d's AM%n",
                            round + 1, failovers[round], attempt);
                    BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(60), "the next attempt's REST endpoint",
                            () -> !restUrl(yarn, applicationId).equals(current) && checkpoints(restUrl(yarn, applicationId), jobId) >= 0);
                }
                double[] sorted = failovers.clone();
                Arrays.sort(sorted);
                System.out.printf("spindle HA_AM_KILL_TO_RECORDS_FLOWING mode=yarn session_timeout=default rounds=%d"
                        + " median_s=%.3f max_s=%.3f all=%s%n", rounds, BenchSupport.median(failovers),
                        sorted[sorted.length - 1], Arrays.toString(failovers));
            } finally {
                BenchSupport.delete(restUrl(yarn, applicationId) + "/cluster");
                fileSystem.delete(work, true);
            }
        }
    }

    private static int checkpoints(String rest, JobID jobId) throws Exception {
        return BenchSupport.get(rest + "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt();
    }

    private static String restUrl(YarnClient yarn, ApplicationId applicationId) throws Exception {
        ApplicationReport report = yarn.getApplicationReport(applicationId);
        String url = report.getOriginalTrackingUrl();
        return url == null ? "" : url.replaceAll("/$", "");
    }

    /** The AM JVM of the given attempt, found by its container's id in its command line (its log directory). */
    private static ProcessHandle applicationMasterProcess(ApplicationId applicationId, int attempt) {
        String containerId = ContainerId.newContainerId(ApplicationAttemptId.newInstance(applicationId, attempt), 1).toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains("/" + containerId + "/")
                        && line.contains("java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process of container " + containerId));
    }
}
