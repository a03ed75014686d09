package io.spindle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A standalone Spindle cluster of real processes, started and stopped with the repository's
 * scripts in a directory of its own ({@code conf/}, {@code pids/}, {@code log/}), and the scripts
 * run against it as a user runs them: in separate processes, with the cluster's configuration.
 */
public final class ScriptedCluster {
    public static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    /** What a script printed (stdout and stderr) and its exit code. */
    public record Result(int exitCode, String output) {}

    public interface Check {
        boolean holds() throws Exception;
    }

    private final Path work;
    private final Map<String, String> environment;
    private final int restPort;

    private ScriptedCluster(Path work, Map<String, String> environment, int restPort) {
        this.work = work;
        this.environment = environment;
        this.restPort = restPort;
    }

    /**
     * Writes {@code conf/} (the log4j files of the repository, RPC and REST on free loopback
     * ports, then {@code settings}, one {@code key: value} each) and a workers file with one
     * line per TaskManager. Starts nothing.
     */
    public static ScriptedCluster configure(Path work, int taskManagers, String... settings) throws IOException {
        Path conf = Files.createDirectories(work.resolve("conf"));
        for (String file : new String[] {"log4j2-jobmanager.xml", "log4j2-taskmanager.xml", "log4j2-console.xml"}) {
            Files.copy(REPO.resolve("conf").resolve(file), conf.resolve(file));
        }
        int restPort = freePort();
        List<String> lines = new ArrayList<>(List.of("jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + freePort(), "rest.address: 127.0.0.1", "rest.port: " + restPort));
        lines.addAll(List.of(settings));
        Files.writeString(conf.resolve("spindle-conf.yaml"), String.join("\n", lines) + "\n");
        Files.writeString(conf.resolve("workers"), "localhost\n".repeat(taskManagers));
        Map<String, String> environment = new HashMap<>();
        environment.put("SPINDLE_CONF_DIR", conf.toString());
        environment.put("SPINDLE_PID_DIR", Files.createDirectories(work.resolve("pids")).toString());
        environment.put("SPINDLE_LOG_DIR", Files.createDirectories(work.resolve("log")).toString());
        return new ScriptedCluster(work, environment, restPort);
    }

    /** Adds a variable to the environment the scripts run with, such as HADOOP_CLASSPATH. */
    public ScriptedCluster withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** {@code start-cluster.sh}; returns once the script did, not once the TaskManagers registered. */
    public ScriptedCluster start() throws Exception {
        Result start = script("start-cluster.sh");
        assertThat(start.exitCode()).as(start.output()).isZero();
        return this;
    }

    public void stop() throws Exception {
        script("stop-cluster.sh");
    }

    public int restPort() {
        return restPort;
    }

    /** {@code 127.0.0.1:<rest port>}, as {@code -m} takes it. */
    public String restAddress() {
        return "127.0.0.1:" + restPort;
    }

    public Path confDirectory() {
        return work.resolve("conf");
    }

    public Result script(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("scripts").resolve(name).toString());
        command.addAll(List.of(args));
        return exec(command);
    }

    public Result cli(String... args) throws Exception {
        return script("spindle", args);
    }

    /** Runs a command with the cluster's environment; it may take two minutes. */
    public Result exec(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Polls until {@code check} holds; a timeout's error carries the tail of every process's log. */
    public void awaitTrue(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what + logs(), last);
    }

    /** The last 40 lines of each log file of the cluster's processes. */
    public String logs() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(work.resolve("log"))) {
            for (Path file : files.toList()) {
                all.append("\n==== ").append(file.getFileName()).append('\n');
                List<String> content = Files.readAllLines(file);
                content.subList(Math.max(0, content.size() - 40), content.size()).forEach(l -> all.append(l).append('\n'));
            }
        } catch (IOException e) {
            all.append("(no logs: ").append(e).append(')');
        }
        return all.toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
