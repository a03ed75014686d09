package io.spindle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.ReduceFunction;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Time from a TaskManager's {@code kill -9} to records flowing again, on a standalone cluster of
 * real processes started by the scripts: three TaskManagers with one slot each run a keyed job at
 * parallelism 2 that checkpoints every second to {@code file://} and restarts without delay;
 * each round kills the
 * TaskManager of a sink subtask once a checkpoint completed, waits until every sink subtask of
 * the restarted job received a record (announced by {@link RecoverySignalSink}), then starts a
 * TaskManager in its place. Arguments: the repository root, the number of rounds (default 5).
 * {@link YarnRecoveryBenchmark} measures the same on YARN.
 */
public final class TaskManagerRecoveryBenchmark {
    static final int PARALLELISM = 2;

    private TaskManagerRecoveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("spindle-bench-recovery-");
        Path conf = Files.createDirectories(work.resolve("conf"));
        for (String file : new String[] {"log4j2-jobmanager.xml", "log4j2-taskmanager.xml", "log4j2-console.xml"}) {
            Files.copy(home.resolve("conf").resolve(file), conf.resolve(file));
        }
        int restPort = BenchSupport.freePort();
        Files.writeString(conf.resolve("spindle-conf.yaml"), "jobmanager.rpc.port: " + BenchSupport.freePort()
                + "\nrest.port: " + restPort + "\ntaskmanager.numberOfTaskSlots: 1\n");
        Files.writeString(conf.resolve("workers"), "localhost\nlocalhost\nlocalhost\n");
        String rest = "http://127.0.0.1:" + restPort;
        StandaloneClusterBenchmark.scripts(home, work, conf, "start-cluster.sh").start().waitFor();
        try (RecoveryListener listener = new RecoveryListener()) {
            awaitTaskManagers(rest, 3);
            RestClusterClient client = new RestClusterClient("127.0.0.1", restPort, Duration.ofSeconds(5));
            Path benchmarkJar = home.resolve("it-tests/target/it-tests-0.1.0-SNAPSHOT.jar");
            JobID jobId = client.submitJob(job(listener.port(), work.resolve("checkpoints").toUri().toString()),
                    List.of(benchmarkJar));
            double[] recoveries = measure(rest, jobId, listener, rounds, taskManager -> {
                long pid = Long.parseLong(taskManager.substring(taskManager.lastIndexOf('-') + 1));
                return List.of(ProcessHandle.of(pid).orElseThrow(() ->
                        new IllegalStateException("TaskManager " + taskManager + " has no process " + pid)));
            }, () -> {
                StandaloneClusterBenchmark.scripts(home, work, conf, "taskmanager.sh", "start").start().waitFor();
                awaitTaskManagers(rest, 3);
            });
            client.cancel(jobId);
            report("standalone", recoveries);
        } finally {
            StandaloneClusterBenchmark.scripts(home, work, conf, "stop-cluster.sh").start().waitFor();
        }
    }

    /** The processes of a TaskManager, by its id as REST shows it. */
    interface ProcessesOf {
        List<ProcessHandle> find(String taskManagerId) throws Exception;
    }

    interface AfterRound {
        void run() throws Exception;
    }

    /**
     * Rounds of: a checkpoint completes, the TaskManager of the first sink subtask is killed, every
     * sink subtask of the restarted job receives a record. Returns each round's seconds from the
     * kill to that.
     */
    static double[] measure(String rest, JobID jobId, RecoveryListener listener, int rounds, ProcessesOf processesOf,
            AfterRound afterRound) throws Exception {
        listener.awaitAttempt(0, PARALLELISM, Duration.ofSeconds(120));
        double[] recoveries = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            awaitNewCheckpoint(rest, jobId);
            int nextAttempt = listener.highestAttempt() + 1;
            JsonNode vertices = BenchSupport.get(rest + "/jobs/" + jobId).path("vertices");
            String taskManager = vertices.get(vertices.size() - 1).path("subtasks").get(0).path("taskmanager-id").asText();
            List<ProcessHandle> processes = processesOf.find(taskManager);
            long killed = System.nanoTime();
            processes.forEach(ProcessHandle::destroyForcibly);
            long flowing = listener.awaitAttempt(nextAttempt, PARALLELISM, Duration.ofSeconds(120));
            recoveries[round] = (flowing - killed) / 1e9;
            System.err.printf("  round %d: records flowing %.3f s after the kill of %s%n", round + 1, recoveries[round],
                    taskManager);
            afterRound.run();
        }
        return recoveries;
    }

    static void report(String mode, double[] recoveries) {
        double[] sorted = recoveries.clone();
        Arrays.sort(sorted);
        System.out.printf("spindle RECOVERY_TM_KILL_TO_RECORDS_FLOWING mode=%s P=%d rounds=%d median_s=%.3f max_s=%.3f"
                + " all=%s%n", mode, PARALLELISM, recoveries.length, BenchSupport.median(recoveries),
                sorted[sorted.length - 1], Arrays.toString(recoveries));
    }

    /** Waits until a checkpoint completes after this call, so the restore has a recent one. */
    private static void awaitNewCheckpoint(String rest, JobID jobId) throws Exception {
        int completed = BenchSupport.get(rest + "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt();
        BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(60), "a checkpoint", () -> BenchSupport.get(
                rest + "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() > completed);
    }

    private static void awaitTaskManagers(String rest, int count) throws Exception {
        BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(120), count + " TaskManagers",
                () -> BenchSupport.get(rest + "/overview").path("taskmanagers").asInt() == count);
    }

    /** A keyed running sum over an endless sequence at about 9,000 records per second and subtask. */
    static JobGraph job(int signalPort, String checkpointDirectory) {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null).setParallelism(PARALLELISM);
        env.enableCheckpointing(1_000);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, checkpointDirectory);
        // Restart at once: the default exponential-delay backoff (1 s, then longer with each
        // failure) would be measured instead of the recovery itself.
        env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
        env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", String.valueOf(Integer.MAX_VALUE));
        env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
        env.fromSequence(0, Long.MAX_VALUE).map(new Throttle()).keyBy(new ByRemainder()).reduce(new Sum())
                .addSink(new RecoverySignalSink<>(signalPort));
        return env.getJobGraph("recovery benchmark");
    }

    static final class Throttle implements MapFunction<Long, Long> {
        private transient long seen;

        @Override
        public Long map(Long value) throws InterruptedException {
            if (++seen % 10 == 0) {
                Thread.sleep(1);
            }
            return value;
        }
    }

    static final class ByRemainder implements KeySelector<Long, Long> {
        @Override
        public Long getKey(Long value) {
            return value % 1_024;
        }
    }

    static final class Sum implements ReduceFunction<Long> {
        @Override
        public Long reduce(Long a, Long b) {
            return a + b;
        }
    }
}
