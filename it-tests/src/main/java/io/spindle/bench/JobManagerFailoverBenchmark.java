package io.spindle.bench;

import io.spindle.api.JobID;
import io.spindle.client.rest.RestClusterClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Time from {@code kill -9} of the leading JobManager to records flowing again, on a standalone
 * cluster of real processes with ZooKeeper HA: two JobManagers from {@code conf/masters}, two
 * TaskManagers with one slot each, the checkpointed job of {@link TaskManagerRecoveryBenchmark}.
 * Each round waits for a checkpoint, kills the leader, waits until every sink subtask of the job
 * that the standby recovered received a record, then starts a JobManager in the killed one's
 * place. The ZooKeeper session timeout is left at its default unless a third argument gives one:
 * a crashed leader's latch node lives until its session expires. Arguments: the repository root,
 * the ZooKeeper quorum, the number of rounds (default 3), the session timeout (e.g. "10 s").
 */
public final class JobManagerFailoverBenchmark {
    private JobManagerFailoverBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String quorum = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("spindle-bench-ha-");
        Path conf = Files.createDirectories(work.resolve("conf"));
        for (String file : new String[] {"log4j2-jobmanager.xml", "log4j2-taskmanager.xml", "log4j2-console.xml"}) {
            Files.copy(home.resolve("conf").resolve(file), conf.resolve(file));
        }
        int[] restPorts = {BenchSupport.freePort(), BenchSupport.freePort()};
        Files.writeString(conf.resolve("spindle-conf.yaml"), String.join("\n",
                "taskmanager.numberOfTaskSlots: 1",
                "high-availability.type: zookeeper",
                "high-availability.zookeeper.quorum: " + quorum,
                "high-availability.zookeeper.path.root: /spindle-bench",
                "high-availability.cluster-id: /" + work.getFileName(),
                "high-availability.storageDir: " + work.resolve("ha").toUri(),
                args.length > 3 ? "high-availability.zookeeper.client.session-timeout: " + args[3] : "") + "\n");
        Files.writeString(conf.resolve("masters"), "localhost:" + restPorts[0] + "\nlocalhost:" + restPorts[1] + "\n");
        Files.writeString(conf.resolve("workers"), "localhost\nlocalhost\n");
        StandaloneClusterBenchmark.scripts(home, work, conf, "start-cluster.sh").start().waitFor();
        long[] pids = jobManagerPids(work).stream().mapToLong(Long::longValue).toArray();
        try (RecoveryListener listener = new RecoveryListener()) {
            int leader = awaitLeader(restPorts);
            String rest = "http://127.0.0.1:" + restPorts[leader];
            BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(120), "2 TaskManagers",
                    () -> BenchSupport.get(rest + "/overview").path("taskmanagers").asInt() == 2);
            RestClusterClient client = new RestClusterClient("127.0.0.1", restPorts[leader], Duration.ofSeconds(5));
            JobID jobId = client.submitJob(TaskManagerRecoveryBenchmark.job(listener.port(),
                    work.resolve("checkpoints").toUri().toString()), List.of(home.resolve("it-tests/target/it-tests-0.1.0-SNAPSHOT.jar")));
            listener.awaitAttempt(0, TaskManagerRecoveryBenchmark.PARALLELISM, Duration.ofSeconds(120));
            double[] failovers = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                leader = awaitLeader(restPorts);
                String leaderRest = "http://127.0.0.1:" + restPorts[leader];
                int completed = BenchSupport.get(leaderRest + "/jobs/" + jobId + "/checkpoints").path("counts")
                        .path("completed").asInt();
                BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(60), "a checkpoint", () -> BenchSupport.get(
                        leaderRest + "/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() > completed);
                ProcessHandle process = ProcessHandle.of(pids[leader]).orElseThrow();
                long killed = System.nanoTime();
                process.destroyForcibly();
                long flowing = listener.awaitSignalsSince(killed, TaskManagerRecoveryBenchmark.PARALLELISM,
                        Duration.ofSeconds(180));
                failovers[round] = (flowing - killed) / 1e9;
                System.err.printf("  round %d: records flowing %.3f s after the kill of the leader%n", round + 1,
                        failovers[round]);
                process.onExit().get();
                StandaloneClusterBenchmark.scripts(home, work, conf, "jobmanager.sh", "start", "-D",
                        "rest.port=" + restPorts[leader], "-D", "jobmanager.rpc.port=0").start().waitFor();
                List<Long> running = jobManagerPids(work);
                pids[leader] = running.get(running.size() - 1);
            }
            new RestClusterClient("127.0.0.1", restPorts[awaitLeader(restPorts)], Duration.ofSeconds(5)).cancel(jobId);
            double[] sorted = failovers.clone();
            Arrays.sort(sorted);
            System.out.printf("spindle HA_JM_KILL_TO_RECORDS_FLOWING mode=standalone session_timeout=%s rounds=%d"
                    + " median_s=%.3f max_s=%.3f all=%s%n", args.length > 3 ? args[3] : "default", rounds,
                    BenchSupport.median(failovers), sorted[sorted.length - 1], Arrays.toString(failovers));
        } finally {
            StandaloneClusterBenchmark.scripts(home, work, conf, "stop-cluster.sh").start().waitFor();
        }
    }

    /** The index of the JobManager whose REST endpoint answers as the leader (a standby answers 503). */
    private static int awaitLeader(int[] restPorts) throws Exception {
        int[] found = {-1};
        BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(180), "a leading JobManager", () -> {
            for (int i = 0; i < restPorts.length; i++) {
                try {
                    BenchSupport.get("http://127.0.0.1:" + restPorts[i] + "/overview");
                    found[0] = i;
                    return true;
                } catch (Exception standbyOrDown) {
                    // try the next one
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<Long> jobManagerPids(Path work) throws IOException {
        try (var files = Files.list(work)) {
            Path pidFile = files.filter(f -> f.getFileName().toString().endsWith("-jobmanager.pid")).findFirst().orElseThrow();
            return Files.readAllLines(pidFile).stream().filter(line -> !line.isBlank()).map(Long::parseLong).toList();
        }
    }
}
