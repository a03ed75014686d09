package io.spindle.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's fault controls, as {@code scripts/local-hadoop.sh} offers them to users: list
 * and signal containers by role, expire a ZooKeeper session, restart ZooKeeper and the NameNode.
 */
final class SandboxControl {
    /** A live container of the sandbox: {@code <containerId> <role> <pid> <applicationId>}. */
    record Container(String id, String role, long pid, String applicationId) {}

    private static final long VERB_TIMEOUT_SECONDS = 180;

    private final Path script;

    SandboxControl(Path spindleHome) {
        this.script = spindleHome.resolve("scripts/local-hadoop.sh");
    }

    /** The application's live containers in {@code role} ({@code am} or {@code taskmanager}; null: all). */
    List<Container> containers(String applicationId, String role) throws IOException, InterruptedException {
        List<String> verb = new ArrayList<>(List.of("containers", "--app", applicationId));
        if (role != null) {
            verb.addAll(List.of("--role", role));
        }
        List<Container> containers = new ArrayList<>();
        for (String line : run(verb.toArray(String[]::new)).split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 4) {
                containers.add(new Container(fields[0], fields[1], Long.parseLong(fields[2]), fields[3]));
            }
        }
        return containers;
    }

    void signal(Container container, String signal) throws IOException, InterruptedException {
        run("signal-container", container.id(), signal);
    }

    void expireSessionOwning(String znodePath) throws IOException, InterruptedException {
        run("expire-session", znodePath);
    }

    void restartZooKeeper() throws IOException, InterruptedException {
        run("restart-zookeeper");
    }

    void restartNameNode() throws IOException, InterruptedException {
        run("restart-namenode");
    }

    private String run(String... verb) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(verb));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(VERB_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("local-hadoop.sh " + String.join(" ", verb) + " did not return within "
                    + VERB_TIMEOUT_SECONDS + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("local-hadoop.sh " + String.join(" ", verb) + " failed (exit " + process.exitValue()
                    + "): " + text.trim());
        }
        return text;
    }
}
