package io.spindle.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The heap backend's snapshot is taken in an instant and written later, while the task goes on
 * changing the state: what is written is the state at the instant of the snapshot, whatever the
 * task did in between (values replaced or changed in place, keys removed, new keys that make the
 * tables grow), and the live state is unaffected by the snapshot.
 */
class CopyOnWriteSnapshotTest {
    private static final int MAX_PARALLELISM = 128;
    private static final ValueStateDescriptor<Long> SUM = new ValueStateDescriptor<>("sum", Long.class);
    private static final ValueStateDescriptor<Tally> TALLY = new ValueStateDescriptor<>("tally", Tally.class);
    @SuppressWarnings("unchecked")
    private static final ValueStateDescriptor<ArrayList<Long>> HISTORY =
            new ValueStateDescriptor<>("history", (Class<ArrayList<Long>>) (Class<?>) ArrayList.class);
    private static final MapStateDescriptor<String, Tally> BY_TAG =
            new MapStateDescriptor<>("byTag", String.class, Tally.class);

    /** A mutable value, as user code often keeps one and changes it in place. */
    public static final class Tally {
        public long count;
        public List<String> seen = new ArrayList<>();

        public Tally() {}
    }

    @Test
    void changesAfterTheSnapshotDoNotReachWhatItWrites() throws Exception {
        HeapKeyedStateBackend backend = backend();
        for (long key = 0; key < 1_000; key++) {
            write(backend, key, key);
        }
        KeyedStateSnapshot snapshot = backend.snapshot();

        for (long key = 0; key < 1_000; key++) {
            backend.setCurrentKey(key);
            if (key % 3 == 0) {
                backend.getValueState(SUM).clear();
                backend.getValueState(TALLY).clear();
                backend.getValueState(HISTORY).clear();
                backend.getMapState(BY_TAG).clear();
            } else {
                changeInPlace(backend, key);
            }
        }
        for (long key = 1_000; key < 20_000; key++) {
            write(backend, key, key);
        }

        HeapKeyedStateBackend restored = backend();
        WrittenSnapshot.of(snapshot).restoreInto(restored);
        assertThat(restored.numberOfValueStateEntries("sum")).isEqualTo(1_000);
        for (long key = 0; key < 1_000; key++) {
            assertWritten(restored, key, key);
        }
        for (long key = 0; key < 1_000; key++) {
            backend.setCurrentKey(key);
            if (key % 3 == 0) {
                assertThat(backend.getValueState(SUM).value()).isNull();
                assertThat(backend.getMapState(BY_TAG).isEmpty()).isTrue();
            } else {
                assertThat(backend.getValueState(TALLY).value().count).isEqualTo(key + 1);
                assertThat(backend.getValueState(HISTORY).value()).containsExactly(key, -1L);
                assertThat(backend.getMapState(BY_TAG).get("t" + key % 7).seen).containsExactly("s" + key, "later");
            }
        }
        assertThat(backend.numberOfValueStateEntries("sum")).isEqualTo(20_000 - 334);
    }

    @Test
    void twoSnapshotsInFlightEachWriteTheirOwnInstant() throws Exception {
        HeapKeyedStateBackend backend = backend();
        for (long key = 0; key < 500; key++) {
            write(backend, key, key);
        }
        KeyedStateSnapshot first = backend.snapshot();
        for (long key = 0; key < 500; key++) {
            write(backend, key, key + 10_000);
        }
        KeyedStateSnapshot second = backend.snapshot();
        for (long key = 0; key < 500; key++) {
            write(backend, key, key + 20_000);
        }

        HeapKeyedStateBackend fromSecond = backend();
        WrittenSnapshot.of(second).restoreInto(fromSecond);
        HeapKeyedStateBackend fromFirst = backend();
        WrittenSnapshot.of(first).restoreInto(fromFirst);
        for (long key = 0; key < 500; key++) {
            assertWritten(fromFirst, key, key);
            assertWritten(fromSecond, key, key + 10_000);
            assertWritten(backend, key, key + 20_000);
        }
    }

    @Test
    void aValueIsCopiedOncePerSnapshotAndNotAfterTheSnapshotIsReleased() throws Exception {
        HeapKeyedStateBackend backend = backend();
        write(backend, 1L, 1L);
        backend.setCurrentKey(1L);
        ValueState<Tally> tally = backend.getValueState(TALLY);
        Tally beforeSnapshot = tally.value();
        assertThat(tally.value()).isSameAs(beforeSnapshot);

        KeyedStateSnapshot snapshot = backend.snapshot();
        Tally copy = tally.value();
        assertThat(copy).isNotSameAs(beforeSnapshot);
        assertThat(tally.value()).isSameAs(copy);

        snapshot.release();
        KeyedStateSnapshot next = backend.snapshot();
        next.release();
        assertThat(tally.value()).as("no live snapshot, no copy").isSameAs(copy);
    }

    @Test
    void aSnapshotWrittenByAnotherThreadWhileTheTaskRunsHoldsItsInstant() throws Exception {
        HeapKeyedStateBackend backend = backend();
        // 200 000 entries in all: enough for the snapshot to be serialized on several threads.
        int keys = 50_000;
        for (long key = 0; key < keys; key++) {
            write(backend, key, key);
        }
        KeyedStateSnapshot snapshot = backend.snapshot();
        CompletableFuture<WrittenSnapshot> written = CompletableFuture.supplyAsync(() -> {
            try {
                return WrittenSnapshot.of(snapshot);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long round = 0;
        while (!written.isDone() || round < 3) {
            round++;
            for (long key = 0; key < keys; key += 7) {
                changeInPlace(backend, key);
                write(backend, keys + round * keys + key, key);
            }
        }

        HeapKeyedStateBackend restored = backend();
        written.get(1, TimeUnit.MINUTES).restoreInto(restored);
        assertThat(restored.numberOfValueStateEntries("sum")).isEqualTo(keys);
        for (long key = 0; key < keys; key++) {
            assertWritten(restored, key, key);
        }
    }

    private static void write(HeapKeyedStateBackend backend, long key, long value) {
        backend.setCurrentKey(key);
        backend.getValueState(SUM).update(value);
        Tally tally = new Tally();
        tally.count = value;
        tally.seen.add("v" + value);
        backend.getValueState(TALLY).update(tally);
        ArrayList<Long> history = new ArrayList<>(List.of(value));
        backend.getValueState(HISTORY).update(history);
        Tally tagged = new Tally();
        tagged.seen.add("s" + value);
        backend.getMapState(BY_TAG).put("t" + key % 7, tagged);
    }

    /** Changes the objects that state returns without writing them back, as user code may. */
    private static void changeInPlace(HeapKeyedStateBackend backend, long key) {
        backend.setCurrentKey(key);
        backend.getValueState(TALLY).value().count++;
        backend.getValueState(HISTORY).value().add(-1L);
        backend.getMapState(BY_TAG).get("t" + key % 7).seen.add("later");
    }

    private static void assertWritten(HeapKeyedStateBackend backend, long key, long value) {
        backend.setCurrentKey(key);
        assertThat(backend.getValueState(SUM).value()).as("sum of %s", key).isEqualTo(value);
        assertThat(backend.getValueState(TALLY).value().count).as("tally of %s", key).isEqualTo(value);
        assertThat(backend.getValueState(TALLY).value().seen).containsExactly("v" + value);
        assertThat(backend.getValueState(HISTORY).value()).as("history of %s", key).containsExactly(value);
        MapState<String, Tally> byTag = backend.getMapState(BY_TAG);
        assertThat(byTag.get("t" + key % 7).seen).as("tag of %s", key).containsExactly("s" + value);
    }

    private static HeapKeyedStateBackend backend() {
        return new HeapKeyedStateBackend(KeyGroupRange.forSubtask(MAX_PARALLELISM, 1, 0), MAX_PARALLELISM,
                CopyOnWriteSnapshotTest.class.getClassLoader());
    }
}
