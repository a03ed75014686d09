package io.spindle.it.yarn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of Spindle's scripts ({@code scripts/spindle}, {@code scripts/yarn-session.sh}) of
 * this worktree as a child process, the way a user runs it: SPINDLE_CONF_DIR and
 * HADOOP_CONF_DIR set, this JVM's Java as JAVA_HOME.
 */
final class SpindleCommand {
    /** What the command printed and how it exited. */
    record Outcome(int exitCode, String out, String err) {
        /** Everything printed, for assertion messages. */
        String transcript() {
            return "exit code " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path spindleConfDir;
    private final Path hadoopConfDir;
    private final Path outputDir;

    SpindleCommand(Path spindleConfDir, Path hadoopConfDir, Path outputDir) {
        this.spindleConfDir = spindleConfDir;
        this.hadoopConfDir = hadoopConfDir;
        this.outputDir = outputDir;
    }

    /** Runs {@code scripts/<script> args...} and waits up to {@code timeoutSeconds} for it to exit. */
    Outcome run(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", YarnSandboxFixture.REPO.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(outputDir, script, ".out");
        Path err = Files.createTempFile(outputDir, script, ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = builder.environment();
        environment.remove("YARN_CONF_DIR");
        environment.remove("SPINDLE_CLIENT_OPTS");
        environment.remove("SPINDLE_HOME");
        environment.put("HADOOP_CONF_DIR", hadoopConfDir.toString());
        environment.put("SPINDLE_CONF_DIR", spindleConfDir.toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("'" + String.join(" ", command) + "' did not exit within " + timeoutSeconds + " s:\n"
                    + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
