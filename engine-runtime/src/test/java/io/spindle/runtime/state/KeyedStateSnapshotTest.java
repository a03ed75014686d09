package io.spindle.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.tuple.Tuple2;
import io.spindle.runtime.state.timers.InternalTimer;
import io.spindle.runtime.state.timers.InternalTimerService;
import io.spindle.runtime.state.timers.ProcessingTimeService;
import io.spindle.runtime.state.timers.Triggerable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

/** Snapshots of the heap backend are written by key group and restore at any parallelism. */
class KeyedStateSnapshotTest {
    private static final int MAX_PARALLELISM = 128;
    private static final ValueStateDescriptor<Long> SUM = new ValueStateDescriptor<>("sum", Long.class);
    private static final MapStateDescriptor<String, Integer> SEEN = new MapStateDescriptor<>("seen", String.class, Integer.class);
    private static final ValueStateDescriptor<Tuple2<String, Long>> WINDOWS =
            new ValueStateDescriptor<>("windows", (Class<Tuple2<String, Long>>) (Class<?>) Tuple2.class);

    @Test
    void everyStateKindAndTheTimersComeBackAtTheSameParallelism() throws Exception {
        HeapKeyedStateBackend original = backend(1, 0);
        RecordingTarget firedBefore = new RecordingTarget();
        InternalTimerService<String> timers = original.getTimerService("timers", new NoClock(), firedBefore);
        fill(original, timers, 1_000);
        timers.advanceWatermark(50);
        firedBefore.fired.clear();
        WrittenSnapshot snapshot = WrittenSnapshot.of(original.snapshot());

        HeapKeyedStateBackend restored = backend(1, 0);
        restoreAll(restored, List.of(snapshot));
        RecordingTarget fired = new RecordingTarget();
        InternalTimerService<String> restoredTimers = restored.getTimerService("timers", new NoClock(), fired);
        assertThat(restoredTimers.currentWatermark()).isEqualTo(50);
        assertThat(restored.numberOfTimers()).isEqualTo(original.numberOfTimers());
        assertSameState(original, restored, 0, 1_000);
        restoredTimers.advanceWatermark(Long.MAX_VALUE);
        timers.advanceWatermark(Long.MAX_VALUE);
        assertThat(fired.fired).isEqualTo(firedBefore.fired);
    }

    @Test
    void stateTakenAtParallelismTwoRestoresAtThreeAndAtOne() throws Exception {
        List<WrittenSnapshot> snapshots = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            HeapKeyedStateBackend backend = backend(2, subtask);
            InternalTimerService<String> timers = backend.getTimerService("timers", new NoClock(), new RecordingTarget());
            fillOwnKeys(backend, timers, 2_000);
            snapshots.add(WrittenSnapshot.of(backend.snapshot()));
        }
        for (int parallelism : new int[] {3, 1}) {
            long values = 0;
            int timers = 0;
            for (int subtask = 0; subtask < parallelism; subtask++) {
                HeapKeyedStateBackend restored = backend(parallelism, subtask);
                restoreAll(restored, snapshots);
                restored.getTimerService("timers", new NoClock(), new RecordingTarget());
                values += restored.numberOfValueStateEntries("sum");
                timers += restored.numberOfTimers();
                for (long key = 0; key < 2_000; key++) {
                    if (owns(restored, key)) {
                        restored.setCurrentKey(key);
                        assertThat(restored.getValueState(SUM).value()).isEqualTo(key * 3);
                        assertThat(restored.getMapState(SEEN).get("k" + key)).isEqualTo((int) key);
                    }
                }
            }
            assertThat(values).as("value entries at parallelism " + parallelism).isEqualTo(2_000);
            assertThat(timers).as("timers at parallelism " + parallelism).isEqualTo(2_000);
        }
    }

    @Test
    void aSnapshotIsACopyThatLaterUpdatesDoNotChange() throws Exception {
        HeapKeyedStateBackend backend = backend(1, 0);
        backend.setCurrentKey(7L);
        backend.getValueState(SUM).update(1L);
        backend.getMapState(SEEN).put("a", 1);
        KeyedStateSnapshot snapshot = backend.snapshot();
        backend.getValueState(SUM).update(2L);
        backend.getMapState(SEEN).put("b", 2);

        HeapKeyedStateBackend restored = backend(1, 0);
        restoreAll(restored, List.of(WrittenSnapshot.of(snapshot)));
        restored.setCurrentKey(7L);
        assertThat(restored.getValueState(SUM).value()).isEqualTo(1L);
        assertThat(restored.getMapState(SEEN).contains("b")).isFalse();
        assertThat(restored.getMapState(SEEN).get("a")).isEqualTo(1);
    }

    @Test
    void anEmptyBackendRestoresToAnEmptyOne() throws Exception {
        HeapKeyedStateBackend restored = backend(1, 0);
        restoreAll(restored, List.of(WrittenSnapshot.of(backend(1, 0).snapshot())));
        assertThat(restored.numberOfValueStateEntries("sum")).isZero();
        assertThat(restored.numberOfTimers()).isZero();
    }

    private static void fill(HeapKeyedStateBackend backend, InternalTimerService<String> timers, int keys) {
        ValueState<Long> sum = backend.getValueState(SUM);
        MapState<String, Integer> seen = backend.getMapState(SEEN);
        InternalValueState<String, Tuple2<String, Long>> windows = backend.getInternalValueState(WINDOWS);
        for (long key = 0; key < keys; key++) {
            backend.setCurrentKey(key);
            sum.update(key * 3);
            seen.put("k" + key, (int) key);
            windows.setCurrentNamespace("w" + (key % 5));
            windows.update(Tuple2.of("acc", key));
            timers.registerEventTimeTimer("w" + (key % 5), key % 100);
            timers.registerProcessingTimeTimer("p", 1_000 + key);
        }
    }

    private static void fillOwnKeys(HeapKeyedStateBackend backend, InternalTimerService<String> timers, int keys) {
        ValueState<Long> sum = backend.getValueState(SUM);
        MapState<String, Integer> seen = backend.getMapState(SEEN);
        for (long key = 0; key < keys; key++) {
            if (owns(backend, key)) {
                backend.setCurrentKey(key);
                sum.update(key * 3);
                seen.put("k" + key, (int) key);
                timers.registerEventTimeTimer("w", key);
            }
        }
    }

    private static void assertSameState(HeapKeyedStateBackend expected, HeapKeyedStateBackend actual, int from, int to) {
        for (long key = from; key < to; key++) {
            expected.setCurrentKey(key);
            actual.setCurrentKey(key);
            assertThat(actual.getValueState(SUM).value()).isEqualTo(expected.getValueState(SUM).value());
            assertThat(actual.getMapState(SEEN).get("k" + key)).isEqualTo(expected.getMapState(SEEN).get("k" + key));
            InternalValueState<String, Tuple2<String, Long>> expectedWindows = expected.getInternalValueState(WINDOWS);
            InternalValueState<String, Tuple2<String, Long>> actualWindows = actual.getInternalValueState(WINDOWS);
            expectedWindows.setCurrentNamespace("w" + (key % 5));
            actualWindows.setCurrentNamespace("w" + (key % 5));
            assertThat(actualWindows.value()).isEqualTo(expectedWindows.value());
        }
    }

    private static boolean owns(HeapKeyedStateBackend backend, long key) {
        return backend.getKeyGroupRange().contains(KeyGroupRangeAssignment.assignToKeyGroup(key, MAX_PARALLELISM));
    }

    private static HeapKeyedStateBackend backend(int parallelism, int subtask) {
        return new HeapKeyedStateBackend(KeyGroupRange.forSubtask(MAX_PARALLELISM, parallelism, subtask), MAX_PARALLELISM,
                KeyedStateSnapshotTest.class.getClassLoader());
    }

    /** Restores, as a task does, the key groups of the backend's range from every snapshot. */
    static void restoreAll(HeapKeyedStateBackend backend, List<WrittenSnapshot> snapshots) throws IOException {
        for (WrittenSnapshot snapshot : snapshots) {
            snapshot.restoreInto(backend);
        }
    }

    private static final class RecordingTarget implements Triggerable<String> {
        final TreeMap<String, Integer> fired = new TreeMap<>();

        @Override
        public void onEventTime(InternalTimer<String> timer) {
            fired.merge("event " + timer.timestamp() + " " + timer.key() + " " + timer.namespace(), 1, Integer::sum);
        }

        @Override
        public void onProcessingTime(InternalTimer<String> timer) {
            fired.merge("processing " + timer.timestamp() + " " + timer.key(), 1, Integer::sum);
        }
    }

    /** A clock that never fires: processing-time timers stay registered. */
    private static final class NoClock implements ProcessingTimeService {
        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            return null;
        }
    }
}
