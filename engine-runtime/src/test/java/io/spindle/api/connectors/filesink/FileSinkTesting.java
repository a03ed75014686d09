package io.spindle.api.connectors.filesink;

import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.operators.OperatorHarness;
import io.spindle.runtime.operators.OperatorSnapshot;
import io.spindle.runtime.operators.StateInitializationContext;
import io.spindle.runtime.operators.StreamSink;
import io.spindle.runtime.operators.TaskInfo;
import io.spindle.runtime.state.KeyGroupConsumer;
import io.spindle.runtime.state.KeyGroupRange;
import io.spindle.runtime.state.StateBackendFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Drives FileSinks through the operator harness and reads what they left in a directory. */
final class FileSinkTesting {
    private FileSinkTesting() {}

    static FileSink<String> basePathSink(Path dir) {
        return FileSink.forRowFormat(dir.toUri().toString(), new SimpleStringEncoder<String>())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .build();
    }

    static OperatorHarness<String, Object> harness(FileSink<String> sink) throws Exception {
        return OperatorHarness.of(new StreamSink<>(sink));
    }

    static OperatorHarness<String, Object> harness(FileSink<String> sink, int subtask, int parallelism)
            throws Exception {
        return OperatorHarness.of(new StreamSink<>(sink), new TaskInfo("file-sink", subtask, parallelism, 128, 0));
    }

    static void write(OperatorHarness<String, Object> harness, String... records) throws Exception {
        for (String record : records) {
            harness.element(record);
        }
    }

    /**
     * A restore from checkpoint {@code checkpointId} whose snapshots the subtasks took; since the
     * sink keeps union list state, every subtask gets all their elements, as StateAssignment deals.
     */
    static StateInitializationContext restoreFrom(long checkpointId, OperatorSnapshot... snapshots) {
        Map<String, ListStateEntries.Builder> merged = new LinkedHashMap<>();
        for (OperatorSnapshot snapshot : snapshots) {
            for (ListStateEntries entries : snapshot.operatorState()) {
                merged.computeIfAbsent(entries.getName(),
                                name -> ListStateEntries.newBuilder().setName(name).setUnion(entries.getUnion()))
                        .addAllElements(entries.getElementsList());
            }
        }
        List<ListStateEntries> state = new ArrayList<>();
        merged.values().forEach(builder -> state.add(builder.build()));
        return new StateInitializationContext() {
            @Override
            public OptionalLong restoredCheckpointId() {
                return OptionalLong.of(checkpointId);
            }

            @Override
            public List<ListStateEntries> operatorState() {
                return state;
            }

            @Override
            public void readKeyGroups(KeyGroupRange range, KeyGroupConsumer consumer) {}

            @Override
            public StateBackendFactory stateBackendFactory() {
                return StateInitializationContext.EMPTY.stateBackendFactory();
            }
        };
    }

    /** Visible files below {@code dir} (relative path with '/' → content); hidden ones are skipped as readers do. */
    static Map<String, String> committed(Path dir) {
        Map<String, String> files = new TreeMap<>();
        for (Path file : allFiles(dir)) {
            Path relative = dir.relativize(file);
            boolean hidden = false;
            for (Path segment : relative) {
                hidden |= segment.toString().startsWith(".") || segment.toString().startsWith("_");
            }
            if (!hidden) {
                files.put(relative.toString().replace('\\', '/'), read(file));
            }
        }
        return files;
    }

    /** Names of the hidden files below {@code dir}, sorted. */
    static List<String> hidden(Path dir) {
        return allFiles(dir).stream()
                .map(file -> file.getFileName().toString())
                .filter(name -> name.startsWith("."))
                .sorted()
                .toList();
    }

    private static List<Path> allFiles(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
