package io.spindle.chaos;

import io.spindle.yarn.client.HadoopConfigurations;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * {@code scripts/chaos.sh}: runs a job on the local Hadoop sandbox as a YARN per-job cluster with
 * ZooKeeper HA and checkpoints to HDFS, injects faults on a seeded schedule, and once the job
 * ended checks its output and what it left behind. Prints a line per fault kind (count and
 * recovery times) and then {@code chaos: <faults> faults, output exact|WRONG (...), <n> leaked};
 * exits with 0 only if the output is exact and nothing leaked, 1 otherwise, 2 for bad flags.
 *
 * <p>A fault is injected only once the job got over the previous one and completed a checkpoint
 * since. Recovery time is from the fault to records flowing again: for the built-in job, every
 * counting subtask reporting records (from a new attempt when the fault must restart the job);
 * for a user's job, which reports nothing, the first checkpoint completed after the fault.
 */
public final class ChaosRunner {
    private static final Pattern APPLICATION_ID = Pattern.compile("(application_\\d+_\\d+)");
    private static final Duration JOB_START_TIMEOUT = Duration.ofMinutes(3);
    /**
     * What a fault takes on this machine, on average, with the waits for a replaced TaskManager
     * and a checkpoint after it (measured: 6 to 10 s): sizes the job.
     */
    private static final long SECONDS_PER_FAULT = 10;
    private static final String VERIFYING_JOB = "io.spindle.examples.chaos.ChaosVerifyingJob";

    private final ChaosOptions options;
    private final Path home;
    private final Path confDir;
    private final YarnConfiguration yarnConfiguration;
    private final ChaosLayout layout;
    private final SandboxControl sandbox;

    private ChaosRunner(ChaosOptions options, Path home, Path confDir) throws Exception {
        this.options = options;
        this.home = home;
        this.confDir = confDir;
        this.yarnConfiguration = HadoopConfigurations.load(confDir);
        this.layout = new ChaosLayout(Long.toHexString(options.seed & Long.MAX_VALUE) + "-" + System.currentTimeMillis(),
                yarnConfiguration.get("fs.defaultFS"));
        this.sandbox = new SandboxControl(confDir);
    }

    /** {@code --check-flags <flags>} only checks the flags (exit code 0 or 2). */
    public static void main(String[] args) throws Exception {
        boolean checkOnly = args.length > 0 && args[0].equals("--check-flags");
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(checkOnly ? Arrays.copyOfRange(args, 1, args.length) : args);
        } catch (ChaosOptions.UsageException e) {
            System.err.println("chaos: " + e.getMessage() + ". See the header of scripts/chaos.sh for its flags.");
            System.exit(2);
            return;
        }
        if (checkOnly) {
            return;
        }
        Path home = Path.of(System.getProperty("spindle.home", ".")).toAbsolutePath();
        String conf = System.getenv("HADOOP_CONF_DIR");
        if (conf == null) {
            System.err.println("chaos: HADOOP_CONF_DIR is not set: scripts/chaos.sh sets it to the local Hadoop sandbox's");
            System.exit(2);
            return;
        }
        System.exit(new ChaosRunner(options, home, Path.of(conf)).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf("chaos: seed %d (replay this run with --seed %d)%n", options.seed, options.seed);
        List<FaultKind> schedule = FaultSchedule.of(options.faults, options.seed);
        RecoveryTimes times = new RecoveryTimes();
        int skipped = 0;
        try (ProgressListener progress = new ProgressListener(System::nanoTime)) {
            String applicationId = submit(progress.address());
            System.out.println("chaos: job running as " + applicationId + ", " + schedule.size() + " faults to come");
            try (ChaosCluster cluster = new ChaosCluster(yarnConfiguration, applicationId);
                    FaultInjector injector = new FaultInjector(sandbox, applicationId,
                            layout.leaderLatch(applicationId), options.pauseLength, new Random(options.seed),
                            System::nanoTime, cluster::taskManagersWithSubtasks)) {
                Thread killOnExit = new Thread(() -> killQuietly(yarnConfiguration, applicationId));
                Runtime.getRuntime().addShutdownHook(killOnExit);
                awaitFirstCheckpoint(cluster, progress);
                skipped = injectAll(schedule, cluster, injector, progress, times);
                String finalStatus = awaitEnd(cluster);
                System.out.println("chaos: the job's application ended " + finalStatus);
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            }
            return report(schedule, times, skipped, verifyOutput(),
                    new ChaosLeakCheck(yarnConfiguration, sandbox, quorum()).leaks(layout, applicationId));
        }
    }

    /** Injects the faults in turn, each once a checkpoint completed after the last; returns how many were not injected. */
    private int injectAll(List<FaultKind> schedule, ChaosCluster cluster, FaultInjector injector,
            ProgressListener progress, RecoveryTimes times) throws Exception {
        long lastCheckpoint = cluster.latestCompletedCheckpoint();
        int skipped = 0;
        for (int i = 0; i < schedule.size(); i++) {
            FaultKind kind = schedule.get(i);
            String fault = String.format("chaos: fault %d/%d %s", i + 1, schedule.size(), kind.flag());
            // As after a real failure, the next one comes once the cluster is whole again: its
            // spare TaskManager replaced, so that a loss is met by a spare, as it would be.
            awaitFullStrength(cluster);
            if (!awaitCheckpointAfter(cluster, lastCheckpoint)) {
                System.out.println("chaos: the job ended or made no checkpoint; " + (schedule.size() - i)
                        + " faults not injected");
                return skipped + schedule.size() - i;
            }
            lastCheckpoint = cluster.latestCompletedCheckpoint();
            FaultInjector.Fault injected;
            try {
                injected = injector.inject(kind);
            } catch (Exception e) {
                System.out.println(fault + ": not injected: " + e.getMessage());
                skipped++;
                continue;
            }
            long recovered = awaitRecovery(kind, injected.struckNanos(), cluster, progress, lastCheckpoint);
            // A restart still going on must be over before the next fault.
            injected.done().get(options.recoveryTimeout.toSeconds(), TimeUnit.SECONDS);
            if (recovered < 0) {
                times.unrecovered(kind);
                System.out.printf("%s: no records flowing within %d s%n", fault, options.recoveryTimeout.toSeconds());
            } else {
                Duration took = Duration.ofNanos(recovered - injected.struckNanos());
                times.recovered(kind, took);
                System.out.printf("%s: records flow again after %.2f s%n", fault, took.toMillis() / 1000.0);
            }
        }
        return skipped;
    }

    private String submit(String progressAddress) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("scripts/spindle").toString(), "run",
                "-t", "yarn-per-job", "-d", "-p", String.valueOf(options.parallelism)));
        for (String setting : layout.configuration(quorum(), options)) {
            command.addAll(List.of("-D", setting));
        }
        if (options.builtInJob()) {
            command.addAll(List.of("-c", VERIFYING_JOB, System.getProperty("spindle.examples.jar"),
                    "--records", String.valueOf(options.records), "--keys", String.valueOf(options.keys),
                    "--window-ms", String.valueOf(options.windowMillis), "--rate", String.valueOf(rate()),
                    "--start-at", String.valueOf(System.currentTimeMillis()), "--output", layout.output(),
                    "--progress", progressAddress));
        } else {
            command.addAll(List.of("-c", options.jobClass, options.jobJar));
            command.addAll(options.jobArguments);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(JOB_START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("'spindle run' of the chaos job failed:\n" + output);
        }
        Matcher id = APPLICATION_ID.matcher(output);
        if (!id.find()) {
            throw new IllegalStateException("'spindle run' named no YARN application:\n" + output);
        }
        return id.group(1);
    }

    /** Numbers a second per source instance, so that the job outlasts its faults (see the job's timetable). */
    private long rate() {
        if (options.rate > 0) {
            return options.rate;
        }
        long seconds = 60 + SECONDS_PER_FAULT * options.totalFaults();
        return Math.max(1, (options.records + options.parallelism * seconds - 1) / (options.parallelism * seconds));
    }

    private void awaitFirstCheckpoint(ChaosCluster cluster, ProgressListener progress) throws Exception {
        long deadline = System.nanoTime() + JOB_START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean flowing = !options.builtInJob() || progress.flowingSince(0, options.parallelism, false);
            if (flowing && "RUNNING".equals(cluster.jobStatus()) && cluster.latestCompletedCheckpoint() >= 0) {
                return;
            }
            if (cluster.applicationEnded()) {
                throw new IllegalStateException("the chaos job's application " + cluster.applicationId()
                        + " ended before its first checkpoint: " + cluster.report().getDiagnostics());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the chaos job did not run with a completed checkpoint within " + JOB_START_TIMEOUT);
    }

    /** Waits (at most the recovery timeout) until every TaskManager of the cluster's size is registered. */
    private void awaitFullStrength(ChaosCluster cluster) throws Exception {
        long deadline = System.nanoTime() + options.recoveryTimeout.toNanos();
        while (cluster.registeredTaskManagers() < options.taskManagers() && System.nanoTime() < deadline
                && !cluster.applicationEnded()) {
            Thread.sleep(200);
        }
    }

    /** Waits for a checkpoint newer than {@code checkpoint}; false when the job ended first or none came in time. */
    private boolean awaitCheckpointAfter(ChaosCluster cluster, long checkpoint) throws Exception {
        long deadline = System.nanoTime() + options.recoveryTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.latestCompletedCheckpoint() > checkpoint) {
                return true;
            }
            if (cluster.applicationEnded()) {
                return false;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private long awaitRecovery(FaultKind kind, long struck, ChaosCluster cluster, ProgressListener progress,
            long checkpointBefore) throws Exception {
        if (options.builtInJob()) {
            return progress.awaitFlowing(struck, options.parallelism, kind.restartsJob(), options.recoveryTimeout);
        }
        return awaitCheckpointAfter(cluster, checkpointBefore) ? System.nanoTime() : -1;
    }

    private String awaitEnd(ChaosCluster cluster) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300 + options.records / options.parallelism / rate()).toNanos();
        while (!cluster.applicationEnded()) {
            if (System.nanoTime() > deadline) {
                return "(not: still " + cluster.report().getYarnApplicationState() + " at the deadline)";
            }
            Thread.sleep(500);
        }
        return cluster.report().getFinalApplicationStatus().toString();
    }

    /** "exact", or what was wrong. */
    private String verifyOutput() throws Exception {
        if (options.builtInJob()) {
            return new ChaosOutput(yarnConfiguration, layout)
                    .verify(new VerifyingJobCheck(options.records, options.keys, options.windowMillis));
        }
        if (options.verifyCommand == null) {
            return "exact";
        }
        Process verify = new ProcessBuilder("bash", "-c", options.verifyCommand).inheritIO().start();
        int exit = verify.waitFor();
        return exit == 0 ? "exact" : "WRONG (" + options.verifyCommand + " exited with " + exit + ")";
    }

    private boolean report(List<FaultKind> schedule, RecoveryTimes times, int skipped, String output,
            List<String> leaks) {
        leaks.forEach(leak -> System.out.println("chaos: leaked " + leak));
        for (FaultKind kind : FaultKind.values()) {
            if (schedule.contains(kind)) {
                System.out.println("chaos: " + times.line(kind));
            }
        }
        System.out.printf("chaos: %d faults%s, output %s, %d leaked%n", times.injected(),
                skipped > 0 ? " (" + skipped + " not injected)" : "", output, leaks.size());
        return output.equals("exact") && leaks.isEmpty();
    }

    private String quorum() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(confDir.resolve("zookeeper.properties"))) {
            properties.load(in);
        }
        return properties.getProperty("high-availability.zookeeper.quorum");
    }

    /** On an exit before the job ended (a failed run, Ctrl-C), so that no application is left running. */
    private static void killQuietly(YarnConfiguration configuration, String applicationId) {
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(configuration);
            yarn.start();
            yarn.killApplication(ApplicationId.fromString(applicationId));
        } catch (Exception e) {
            System.err.println("chaos: could not kill " + applicationId + " on exit: " + e.getMessage());
        }
    }
}
