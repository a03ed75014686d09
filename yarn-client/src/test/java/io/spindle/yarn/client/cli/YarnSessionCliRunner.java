package io.spindle.yarn.client.cli;

import io.spindle.configuration.Configuration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@link YarnSessionCli} with the given environment and standard input, capturing its output. */
final class YarnSessionCliRunner {
    record Outcome(int exitCode, String out, String err) {}

    private YarnSessionCliRunner() {}

    static Outcome run(Map<String, String> environment, String stdin, String... args) {
        return run(new Configuration(), environment, stdin, args);
    }

    static Outcome run(Configuration base, Map<String, String> environment, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new YarnSessionCli(base, environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
