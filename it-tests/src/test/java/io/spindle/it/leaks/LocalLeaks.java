package io.spindle.it.leaks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What Spindle leaves on this machine, outside any cluster: its processes, the threads its
 * components start in this JVM, and its working directories in java.io.tmpdir. A snapshot taken
 * before a test, compared with one after, names what the test left.
 */
record LocalLeaks(Set<Long> processes, Set<String> threads, Set<String> directories) {
    /** Main classes of the JVMs Spindle's scripts and YARN start; the sandbox is a tool, not a leak. */
    private static final Pattern SPINDLE_PROCESS = Pattern.compile(
            "io\\.spindle\\.(runtime\\.entrypoint|yarn\\.appmaster)\\.[A-Za-z]+");
    /** The names Spindle gives its threads: RPC endpoints and services, JobManager, TaskManager, checkpoint I/O, tasks. */
    private static final Pattern SPINDLE_THREAD = Pattern.compile("(rpc-|spindle-|jobmanager-|taskmanager-|checkpoint-"
            + "|jar-program-runner|savepoint-disposal|zookeeper-leader-).*|.*\\(\\d+/\\d+\\)#\\d+");
    private static final Pattern SPINDLE_DIRECTORY = Pattern.compile(
            "spindle-(jobmanager|taskmanager|local|blobs|cache)-.*");

    static LocalLeaks snapshot() {
        Set<Long> processes = new TreeSet<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(process -> process.pid() != self && isSpindle(process))
                .forEach(process -> processes.add(process.pid()));
        Set<String> threads = new TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && SPINDLE_THREAD.matcher(thread.getName()).matches()) {
                threads.add(thread.getName() + " #" + thread.getId());
            }
        }
        Set<String> directories = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path entry : entries) {
                if (SPINDLE_DIRECTORY.matcher(entry.getFileName().toString()).matches()) {
                    directories.add(entry.toString());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new LocalLeaks(processes, threads, directories);
    }

    private static boolean isSpindle(ProcessHandle process) {
        return process.info().commandLine().map(line -> SPINDLE_PROCESS.matcher(line).find()).orElse(false);
    }

    /** What this snapshot has that {@code before} had not. */
    LocalLeaks since(LocalLeaks before) {
        Set<Long> newProcesses = new TreeSet<>(processes);
        newProcesses.removeAll(before.processes);
        Set<String> newThreads = new TreeSet<>(threads);
        newThreads.removeAll(before.threads);
        Set<String> newDirectories = new TreeSet<>(directories);
        newDirectories.removeAll(before.directories);
        return new LocalLeaks(newProcesses, newThreads, newDirectories);
    }

    boolean isEmpty() {
        return processes.isEmpty() && threads.isEmpty() && directories.isEmpty();
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (long pid : processes) {
            lines.add("process " + pid + ": " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("(gone)"));
        }
        threads.forEach(thread -> lines.add("thread " + thread));
        directories.forEach(directory -> lines.add("directory " + directory));
        return lines;
    }

    /** Kills the leaked processes, so that one test's leak does not fail the next. */
    void killProcesses() {
        for (long pid : processes) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
