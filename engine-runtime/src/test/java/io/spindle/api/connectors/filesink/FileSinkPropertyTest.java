package io.spindle.api.connectors.filesink;

import io.spindle.runtime.operators.OperatorHarness;
import io.spindle.runtime.operators.OperatorSnapshot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static io.spindle.api.connectors.filesink.FileSinkTesting.committed;
import static io.spindle.api.connectors.filesink.FileSinkTesting.harness;
import static io.spindle.api.connectors.filesink.FileSinkTesting.hidden;
import static io.spindle.api.connectors.filesink.FileSinkTesting.restoreFrom;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random runs of checkpoints that complete or not, notifications that arrive or are lost, and
 * failures that restore from the last completed checkpoint: the output is exactly the records
 * that completed checkpoints cover, each once. (A real source would replay the others.)
 */
class FileSinkPropertyTest {
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void committedOutputIsExactlyTheRecordsOfCompletedCheckpoints(long seed) throws Exception {
        Random random = new Random(seed);
        FileSink<String> fileSink = FileSink.forRowFormat(dir.toUri().toString(), new SimpleStringEncoder<String>())
                .withBucketAssigner((record, time) -> "bucket-" + (record.hashCode() & 1))
                .withRollingPolicy(DefaultRollingPolicy.builder().withMaxPartSize(8).build())
                .build();
        List<String> expected = new ArrayList<>();
        List<String> sinceLastSnapshot = new ArrayList<>();
        TreeMap<Long, List<String>> byOpenCheckpoint = new TreeMap<>();
        OperatorSnapshot lastCompleted = null;
        long lastCompletedId = 0;
        int nextRecord = 0;
        boolean freshRestartLeftFiles = false;
        OperatorHarness<String, Object> sink = harness(fileSink).open();

        for (long checkpoint = 1; checkpoint <= ROUNDS; checkpoint++) {
            for (int k = random.nextInt(5); k > 0; k--) {
                String record = "r" + nextRecord++;
                sink.element(record);
                sinceLastSnapshot.add(record);
            }
            OperatorSnapshot snapshot = sink.snapshot(checkpoint);
            byOpenCheckpoint.put(checkpoint, new ArrayList<>(sinceLastSnapshot));
            sinceLastSnapshot.clear();
            if (random.nextBoolean()) {
                lastCompleted = snapshot;
                lastCompletedId = checkpoint;
                byOpenCheckpoint.headMap(checkpoint, true).values().forEach(expected::addAll);
                byOpenCheckpoint.headMap(checkpoint, true).clear();
                if (random.nextBoolean()) {
                    sink.notifyCheckpointComplete(checkpoint);
                }
            } else if (random.nextBoolean()) {
                sink.operator().notifyCheckpointAborted(checkpoint);
            }
            if (random.nextInt(3) == 0) {
                sink.close();
                byOpenCheckpoint.clear();
                // Only a restore cleans up; a fresh start leaves the dead attempt's files hidden.
                freshRestartLeftFiles = lastCompleted == null;
                sink = lastCompleted == null ? harness(fileSink).open()
                        : harness(fileSink).open(restoreFrom(lastCompletedId, lastCompleted));
            }
        }
        long finalCheckpoint = ROUNDS + 1;
        sink.snapshot(finalCheckpoint);
        sink.notifyCheckpointComplete(finalCheckpoint);
        byOpenCheckpoint.values().forEach(expected::addAll);
        sink.close();

        List<String> output = new ArrayList<>();
        committed(dir).values().forEach(content -> content.lines().forEach(output::add));
        assertThat(output).as("seed " + seed).containsExactlyInAnyOrderElementsOf(expected);
        if (!freshRestartLeftFiles) {
            assertThat(hidden(dir)).as("seed %d: nothing uncommitted is left behind", seed).isEmpty();
        }
    }
}
