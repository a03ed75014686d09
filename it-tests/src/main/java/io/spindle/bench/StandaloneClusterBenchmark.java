package io.spindle.bench;

import io.spindle.api.JobID;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Standalone cluster latencies, with real processes started by the scripts: from
 * {@code start-cluster.sh} until both TaskManagers are registered, and from submitting a
 * trivial unbounded job through REST until it runs (median of 5 after a warm-up).
 * Arguments: the repository root.
 */
public final class StandaloneClusterBenchmark {
    private StandaloneClusterBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        Path work = Files.createTempDirectory("spindle-bench-cluster-");
        Path conf = Files.createDirectories(work.resolve("conf"));
        for (String file : new String[] {"log4j2-jobmanager.xml", "log4j2-taskmanager.xml", "log4j2-console.xml"}) {
            Files.copy(home.resolve("conf").resolve(file), conf.resolve(file));
        }
        int restPort = BenchSupport.freePort();
        Files.writeString(conf.resolve("spindle-conf.yaml"), "jobmanager.rpc.port: " + BenchSupport.freePort()
                + "\nrest.port: " + restPort + "\ntaskmanager.numberOfTaskSlots: 2\n");
        Files.writeString(conf.resolve("workers"), "localhost\nlocalhost\n");
        ProcessBuilder start = scripts(home, work, conf, "start-cluster.sh");
        String rest = "http://127.0.0.1:" + restPort;
        long startNanos = System.nanoTime();
        Process starting = start.start();
        try {
            double registered = BenchSupport.secondsUntil(startNanos, Duration.ofSeconds(120), "2 TaskManagers",
                    () -> BenchSupport.get(rest + "/overview").path("taskmanagers").asInt() == 2);
            starting.waitFor();
            System.out.printf("spindle CLUSTER_START_TO_TMS_REGISTERED TMs=2 seconds=%.3f%n", registered);

            RestClusterClient client = new RestClusterClient("127.0.0.1", restPort, Duration.ofSeconds(5));
            double[] latencies = new double[6];
            for (int run = 0; run < latencies.length; run++) {
                long submitted = System.nanoTime();
                JobID jobId = client.submitJob(trivialUnboundedJob(), List.of());
                latencies[run] = BenchSupport.secondsUntil(submitted, Duration.ofSeconds(60), "job running",
                        () -> BenchSupport.get(rest + "/jobs/" + jobId).path("vertices").get(0)
                                .path("status").asText().equals("RUNNING"));
                client.cancel(jobId);
                BenchSupport.secondsUntil(System.nanoTime(), Duration.ofSeconds(30), "job cancelled",
                        () -> BenchSupport.get(rest + "/jobs/" + jobId).path("state").asText().equals("CANCELED"));
            }
            double[] measured = java.util.Arrays.copyOfRange(latencies, 1, latencies.length);
            System.out.printf("spindle CLUSTER_SUBMIT_TO_RUNNING P=1 seconds=%.3f%n", BenchSupport.median(measured));
        } finally {
            scripts(home, work, conf, "stop-cluster.sh").start().waitFor();
        }
    }

    /** A job with nothing to compute that runs until cancelled: only deployment is measured. */
    private static JobGraph trivialUnboundedJob() {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.fromSequence(0, Long.MAX_VALUE).addSink(new DiscardingSink<>());
        return env.getJobGraph("trivial");
    }

    /** One of the cluster scripts, with the benchmark's configuration, pid and log directories. */
    static ProcessBuilder scripts(Path home, Path work, Path conf, String script, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SPINDLE_CONF_DIR", conf.toString());
        builder.environment().put("SPINDLE_PID_DIR", work.toString());
        builder.environment().put("SPINDLE_LOG_DIR", work.resolve("log").toString());
        builder.environment().put("SPINDLE_START_WAIT", "0");
        return builder;
    }
}
