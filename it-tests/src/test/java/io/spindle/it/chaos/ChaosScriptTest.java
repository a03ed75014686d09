package io.spindle.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of {@code scripts/chaos.sh} as a user runs it: its own sandbox (started and
 * stopped by the script), the verifying job from the examples jar as a YARN per-job cluster with
 * ZooKeeper HA, and one or two faults of every kind. The long run is {@code scripts/bench.sh chaos}.
 */
class ChaosScriptTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final long TIMEOUT_MINUTES = 15;

    @TempDir
    Path work;

    @Test
    void faultsOfEveryKindLeaveTheOutputExactAndNothingBehind() throws Exception {
        Outcome run = chaos("--tm-kills", "2", "--am-kills", "1", "--zk-expiries", "1", "--zk-restarts", "1",
                "--namenode-restarts", "1", "--tm-pauses", "1", "--records", "40000", "--seed", "20261204");
        assertThat(run.exitCode()).as(run.output()).isZero();
        // The script's own lines (the sandbox starting and stopping) come around the runner's.
        List<String> lines = run.output().lines().filter(line -> line.startsWith("chaos: ")).toList();
        for (String kind : List.of("tm-kills", "am-kills", "zk-expiries", "zk-restarts", "namenode-restarts", "tm-pauses")) {
            assertThat(lines).as(run.output()).anyMatch(line -> line.startsWith("chaos: " + kind) && line.contains("recovery median"));
        }
        assertThat(lines.get(lines.size() - 1)).isEqualTo("chaos: 7 faults, output exact, 0 leaked");
        assertThat(run.output()).contains("chaos: seed 20261204");
    }

    @Test
    void aWrongFlagIsNamedBeforeAnySandboxStarts() throws Exception {
        Outcome run = chaos("--tm-kill", "3");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("unknown flag --tm-kill");
        assertThat(work.resolve("sandbox")).doesNotExist();
    }

    /** The script stops the sandbox it started; this is for a run that had to be killed. */
    @AfterEach
    void stopSandbox() throws Exception {
        if (Files.exists(work.resolve("sandbox"))) {
            script("local-hadoop.sh", "stop");
        }
    }

    private record Outcome(int exitCode, String output) {}

    private Outcome chaos(String... args) throws Exception {
        return script("chaos.sh", args);
    }

    private Outcome script(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", REPO.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        Path output = work.resolve(script + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = builder.environment();
        environment.remove("HADOOP_CONF_DIR");
        environment.remove("YARN_CONF_DIR");
        environment.remove("SPINDLE_HOME");
        environment.put("SPINDLE_SANDBOX_HOME", work.resolve("sandbox").toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly().waitFor();
            throw new AssertionError(script + " did not end within " + TIMEOUT_MINUTES + " minutes:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
