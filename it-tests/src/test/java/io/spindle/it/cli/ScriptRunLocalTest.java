package io.spindle.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scripts/spindle run -t local} in a process of its own, as a user does, for the
 * behaviours that only show on the command line: what it prints and how it ends.
 */
class ScriptRunLocalTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final String[] WORDS = {"stream", "batch", "yarn", "spindle", "window", "state"};

    @TempDir
    Path work;
    private Path conf;

    @BeforeEach
    void configuration() throws Exception {
        conf = Files.createDirectories(work.resolve("conf"));
        Files.copy(REPO.resolve("conf/log4j2-console.xml"), conf.resolve("log4j2-console.xml"));
        Files.writeString(conf.resolve("spindle-conf.yaml"), "taskmanager.numberOfTaskSlots: 4\n");
    }

    /** The generator is a plain SourceFunction: it runs alone while -p 2 applies to the counting. */
    @Test
    void streamingWordCountRunsWithParallelismTwo() throws Exception {
        int lines = 60;
        Result run = spindle("run", "-t", "local", "-p", "2", "-c", "io.spindle.examples.StreamingWordCount",
                examplesJar(), "--lines", String.valueOf(lines));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Map<String, Integer> expected = new HashMap<>();
        for (long i = 0; i < lines; i++) {
            long timestamp = i * 1000 - (i % 3 == 2 ? 2000 : 0);
            long windowEnd = timestamp - Math.floorMod(timestamp, 5000) + 5000;
            expected.merge(windowEnd + "," + WORDS[(int) (i % 6)], 1, Integer::sum);
            expected.merge(windowEnd + "," + WORDS[(int) ((i * 7) % 6)], 1, Integer::sum);
        }
        Map<String, Integer> actual = new HashMap<>();
        List<String> subtasks = new ArrayList<>();
        String stdout = run.stdout();
        assertThat(stdout).as(run.stderr()).contains("Job has been submitted").contains("Program execution finished");
        String printed = stdout.substring(stdout.indexOf('\n', stdout.indexOf("Job has been submitted")) + 1,
                stdout.indexOf("Program execution finished"));
        for (String line : printed.split("\n")) {
            java.util.regex.Matcher result = java.util.regex.Pattern.compile("([12])> \\((\\d+),(\\w+),(\\d+)\\)").matcher(line);
            assertThat(result.matches()).as("a printed window result: '%s'", line).isTrue();
            subtasks.add(result.group(1));
            assertThat(actual.put(result.group(2) + "," + result.group(3), Integer.parseInt(result.group(4))))
                    .as("one result per window and word: %s", line).isNull();
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(subtasks).as("both parallel sink instances print").contains("1", "2");
    }

    /** Each unknown key is named once, with where it was set and the closest known key when there is one. */
    @Test
    void unknownKeysOfTheConfFileAndOfMinusDAreWarnedAboutOnStandardError() throws Exception {
        Path confFile = conf.resolve("spindle-conf.yaml");
        Files.writeString(confFile, String.join("\n", "taskmanager.numberOfTaskSlots: 4",
                "execution.checkpointing.intervall: 1 s", "metrics.reporter.prom.factory.class: org.example.Reporter", ""));
        Path input = Files.writeString(work.resolve("input.txt"), "to be or not to be\n");

        Result run = spindle("run", "-t", "local", "-D", "parallelism.defualt=2", "-c", "io.spindle.examples.WordCount",
                examplesJar(), "--input", input.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr().lines().filter(line -> line.contains("Configuration key"))).containsExactly(
                "Warning: Configuration key 'execution.checkpointing.intervall' (" + confFile + ") is not a Spindle option"
                        + " and is ignored; did you mean 'execution.checkpointing.interval'?",
                "Warning: Configuration key 'metrics.reporter.prom.factory.class' (" + confFile + ") is not a Spindle"
                        + " option and is ignored.",
                "Warning: Configuration key 'parallelism.defualt' (-D) is not a Spindle option and is ignored; did you"
                        + " mean 'parallelism.default'?");
        assertThat(run.stdout()).contains("(be,2)");
    }

    /** As Flink's 'flink --version': the version, and the commit of this checkout. */
    @Test
    void versionPrintsSpindlesVersionAndCommit() throws Exception {
        Process git = new ProcessBuilder("git", "-C", REPO.toString(), "rev-parse", "--short=7", "HEAD").start();
        String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(git.waitFor()).isZero();

        for (String flag : List.of("--version", "-v")) {
            Result version = spindle(flag);
            assertThat(version.exitCode()).as(version.stderr()).isZero();
            assertThat(version.stdout()).isEqualTo("Version: 0.1.0-SNAPSHOT, Commit ID: " + commit + "\n");
        }
    }

    /** As Flink's 'flink info': the plan as JSON, from a jar built apart from this test, and nothing runs. */
    @Test
    void infoPrintsThePlanOfTheProgramsJobAsJson() throws Exception {
        Path input = Files.writeString(work.resolve("input.txt"), "to be or not to be\n");

        Result info = spindle("info", "-p", "3", "-c", "io.spindle.examples.WordCount", examplesJar(),
                "--input", input.toString());

        assertThat(info.exitCode()).as(info.stderr()).isZero();
        com.fasterxml.jackson.databind.JsonNode plan = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.stdout());
        assertThat(plan.path("jid").asText()).matches("[0-9a-f]{32}");
        assertThat(plan.path("type").asText()).isEqualTo("BATCH");
        List<String> descriptions = new ArrayList<>();
        plan.path("nodes").forEach(node -> descriptions.add(node.path("description").asText()));
        assertThat(descriptions).as(info.stdout()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(plan.path("nodes").findValuesAsText("parallelism")).contains("3");
        assertThat(plan.path("nodes").findValues("inputs")).isNotEmpty();
        assertThat(info.stdout()).doesNotContain("(be,2)").doesNotContain("Job has been submitted");
    }

    @Test
    void infoGivenAJobIdSaysToUseStatusAndExitsWithAUsageError() throws Exception {
        String jobId = "0123456789abcdef0123456789abcdef";

        Result info = spindle("info", jobId);

        assertThat(info.exitCode()).isEqualTo(2);
        assertThat(info.stderr().trim()).isEqualTo("'" + jobId + "' is a job id, but info prints the plan of a program's jar,"
                + " as Flink's does; for the job's details use: spindle status --details " + jobId);
    }

    record Result(int exitCode, String stdout, String stderr) {}

    Result spindle(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("scripts/spindle").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SPINDLE_CONF_DIR", conf.toString());
        builder.redirectError(work.resolve("stderr.txt").toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] stdout;
        try (InputStream in = process.getInputStream()) {
            stdout = in.readAllBytes();
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                Files.readString(work.resolve("stderr.txt")));
    }

    static String examplesJar() {
        return REPO.resolve("examples/target/examples-0.1.0-SNAPSHOT.jar").toString();
    }
}
