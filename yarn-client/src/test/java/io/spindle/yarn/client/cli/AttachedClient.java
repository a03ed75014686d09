package io.spindle.yarn.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link YarnSessionCli} in a child JVM with this test's class path, as {@code yarn-session.sh}
 * runs it attached: standard input stays open, so only a signal or the session's end stops it.
 * Standard output and error are collected together.
 */
final class AttachedClient {
    private static final long STARTUP_TIMEOUT_MILLIS = 120_000;
    private static final long EXIT_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    private AttachedClient(Process process) {
        this.process = process;
        this.reader = new Thread(this::collectOutput, "attached-client-output");
        reader.setDaemon(true);
        reader.start();
    }

    static AttachedClient start(Map<String, String> environment, Path workDirectory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), YarnSessionCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new AttachedClient(builder.start());
    }

    /** Waits until the output contains {@code text} and returns the output so far; fails if the client ends first. */
    synchronized String awaitOutput(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MILLIS;
        while (output.indexOf(text) < 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                throw new AssertionError("The client did not print '" + text + "'; its output:\n" + output);
            }
            wait(Math.min(left, 500));
        }
        return output.toString();
    }

    /**
     * Ctrl-C: SIGINT. A JVM leaves SIGINT alone when it started with the signal ignored (as under
     * nohup or some CI runners); then SIGTERM, which runs the same shutdown hooks, stands in.
     */
    void interrupt() throws IOException, InterruptedException {
        String signal = sigintIgnored() ? "-TERM" : "-INT";
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** Waits for the client to exit and returns all it printed. */
    String awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("The client did not exit within " + EXIT_TIMEOUT_SECONDS + " s; its output:\n" + output());
        }
        reader.join(10_000);
        return output();
    }

    void destroy() {
        process.destroyForcibly();
    }

    private synchronized String output() {
        return output.toString();
    }

    private boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    private void collectOutput() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                String text = new String(buffer, 0, read, StandardCharsets.UTF_8);
                synchronized (this) {
                    output.append(text);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The process has gone; what was read is kept.
        }
        synchronized (this) {
            notifyAll();
        }
    }
}
