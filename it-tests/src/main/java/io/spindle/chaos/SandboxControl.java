package io.spindle.chaos;

import io.spindle.sandbox.SandboxControlClient;
import io.spindle.sandbox.SandboxLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's fault controls that {@code scripts/local-hadoop.sh} offers its users (list and
 * signal containers by role, expire a ZooKeeper session, restart ZooKeeper and the NameNode),
 * called on the sandbox's control endpoint directly: a verb's JVM start would blur when a fault
 * struck by half a second.
 */
final class SandboxControl {
    /** A live container of the sandbox. */
    record Container(String id, String role, long pid, String applicationId) {}

    private final SandboxControlClient client;

    SandboxControl(Path confDir) throws IOException {
        this.client = SandboxControlClient.of(SandboxLayout.ofConfDir(confDir).addressesFile());
    }

    /** The application's live containers in {@code role} ({@code am} or {@code taskmanager}; null: all). */
    List<Container> containers(String applicationId, String role) throws IOException, InterruptedException {
        Map<String, String> filters = new HashMap<>(Map.of("app", applicationId));
        if (role != null) {
            filters.put("role", role);
        }
        List<Container> containers = new ArrayList<>();
        // One line each: <containerId> <role> <pid> <applicationId>, as the 'containers' verb prints them.
        for (String line : call(client.get("containers", filters), "containers").split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 4) {
                containers.add(new Container(fields[0], fields[1], Long.parseLong(fields[2]), fields[3]));
            }
        }
        return containers;
    }

    void signal(Container container, String signal) throws IOException, InterruptedException {
        call(client.post("signal-container", Map.of("id", container.id(), "signal", signal)), "signal-container");
    }

    void expireSessionOwning(String znodePath) throws IOException, InterruptedException {
        call(client.post("expire-session", Map.of("path", znodePath)), "expire-session " + znodePath);
    }

    void restartZooKeeper() throws IOException, InterruptedException {
        call(client.post("restart-zookeeper", Map.of()), "restart-zookeeper");
    }

    void restartNameNode() throws IOException, InterruptedException {
        call(client.post("restart-namenode", Map.of()), "restart-namenode");
    }

    private static String call(SandboxControlClient.Reply reply, String what) throws IOException {
        if (!reply.succeeded()) {
            throw new IOException("the sandbox refused " + what + " (HTTP " + reply.status() + "): " + reply.body().trim());
        }
        return reply.body();
    }
}
