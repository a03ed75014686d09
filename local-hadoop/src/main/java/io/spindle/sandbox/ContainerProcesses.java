package io.spindle.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * The processes of the sandbox's containers, found in the operating system's process table, and
 * signals to them. A process belongs to a container when its working directory is the
 * container's, {@code .../<applicationId>/<containerId>} under the sandbox's YARN directory: the
 * NodeManager starts the launch scripts there and every process of the container inherits it.
 * That holds for any container, whatever its command line, and only for this sandbox's. Working
 * directories are read from {@code /proc}, so this works on Linux only.
 */
final class ContainerProcesses {
    /** What the process table tells about one process. */
    record ProcessSnapshot(long pid, String command, List<String> arguments, Instant start) {
        boolean isJava() {
            return command.equals("java") || command.endsWith("/java");
        }
    }

    private final Path yarnDir;

    ContainerProcesses(Path yarnDir) {
        this.yarnDir = yarnDir;
    }

    /** The containers that have a running process, in container id order. */
    List<SandboxContainer> list() throws IOException {
        if (!Files.isDirectory(yarnDir)) {
            return List.of();
        }
        // /proc shows working directories with symbolic links resolved.
        Path root = yarnDir.toRealPath();
        Map<String, List<ProcessSnapshot>> byContainer = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(process -> workingDirectory(process.pid())
                .flatMap(directory -> containerIdOf(root, directory))
                .ifPresent(containerId -> byContainer.computeIfAbsent(containerId, id -> new ArrayList<>())
                        .add(snapshot(process))));
        List<SandboxContainer> containers = new ArrayList<>();
        byContainer.forEach((containerId, processes) -> containers.add(describe(containerId, processes)));
        return containers;
    }

    /** Sends {@code signal} to the container's process with {@code kill}. */
    static void signal(SandboxContainer container, ContainerSignal signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(container.pid()))
                .redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal.name() + " " + container.pid() + " (" + container.containerId()
                    + ") failed: " + output);
        }
    }

    /** The container whose working directory {@code directory} is, if it is one under {@code yarnDir}. */
    static Optional<String> containerIdOf(Path yarnDir, Path directory) {
        Path parent = directory.getParent();
        if (!directory.startsWith(yarnDir) || parent == null || parent.getFileName() == null) {
            return Optional.empty();
        }
        String name = directory.getFileName().toString();
        if (!name.startsWith("container_")) {
            return Optional.empty();
        }
        try {
            ContainerId containerId = ContainerId.fromString(name);
            String applicationId = containerId.getApplicationAttemptId().getApplicationId().toString();
            return parent.getFileName().toString().equals(applicationId) ? Optional.of(name) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The container's JVM (the first one started, should it start others) and its role; a
     * container without a JVM is represented by its most recently started process, the innermost
     * of its launch wrappers.
     */
    static SandboxContainer describe(String containerId, List<ProcessSnapshot> processes) {
        Comparator<ProcessSnapshot> byStart = Comparator.comparing(ProcessSnapshot::start)
                .thenComparingLong(ProcessSnapshot::pid);
        ProcessSnapshot main = processes.stream()
                .filter(ProcessSnapshot::isJava)
                .min(byStart)
                .orElseGet(() -> processes.stream().max(byStart).orElseThrow());
        String applicationId = ContainerId.fromString(containerId).getApplicationAttemptId().getApplicationId().toString();
        return new SandboxContainer(containerId, SandboxContainer.Role.of(main.arguments()), main.pid(), applicationId);
    }

    private static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Gone meanwhile, another user's, or no /proc: not one of ours to list.
            return Optional.empty();
        }
    }

    private static ProcessSnapshot snapshot(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return new ProcessSnapshot(process.pid(), info.command().orElse(""),
                info.arguments().map(List::of).orElse(List.of()), info.startInstant().orElse(Instant.EPOCH));
    }
}
