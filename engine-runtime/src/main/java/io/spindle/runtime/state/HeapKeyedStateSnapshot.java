package io.spindle.runtime.state;

import io.spindle.runtime.state.timers.TimersSnapshot;
import io.spindle.serialization.DataOutputSerializer;
import io.spindle.serialization.RecordEncoder;
import java.io.IOException;
import java.util.List;

/**
 * A copy-on-write snapshot of the heap backend: per named state the maps of its key groups as
 * they were, and the timers. Each key group becomes one stream with its own class dictionary:
 * the number of states with entries in it, then per state its kind, name, entry count and
 * entries (key, namespace, value), then the timer services' part. Since key groups are
 * independent, a large snapshot serializes several at once ({@link ParallelKeyGroupSerializer}).
 */
final class HeapKeyedStateSnapshot implements KeyedStateSnapshot {
    record NamedState(byte kind, String name, StateTable.Snapshot<Object, Object> entries) {}

    /** Beyond this, more threads mostly compete with the task threads of the TaskManager. */
    private static final int MAX_SERIALIZER_THREADS = 4;
    private static final long MIN_ENTRIES_FOR_THREADS = 100_000;

    private final KeyGroupRange range;
    private final List<NamedState> states;
    private final TimersSnapshot timers;

    HeapKeyedStateSnapshot(KeyGroupRange range, List<NamedState> states, TimersSnapshot timers) {
        this.range = range;
        this.states = states;
        this.timers = timers;
    }

    @Override
    public int firstKeyGroup() {
        return range.firstKeyGroup();
    }

    @Override
    public int numberOfKeyGroups() {
        return range.size();
    }

    @Override
    public boolean isEmpty() {
        return timers.numberOfServices() == 0 && states.stream().allMatch(state -> state.entries().isEmpty());
    }

    @Override
    public void writeKeyGroups(KeyGroupConsumer consumer) throws IOException {
        ParallelKeyGroupSerializer.serialize(range.firstKeyGroup(), range.size(), serializerThreads(),
                this::writeKeyGroup, consumer);
    }

    /**
     * One thread per core (at most {@link #MAX_SERIALIZER_THREADS}) for a large state; a small
     * one is written in the calling thread, since starting threads would cost more than it saves.
     */
    private int serializerThreads() {
        long entries = 0;
        for (NamedState state : states) {
            for (int index = 0; index < range.size(); index++) {
                entries += state.entries().sizeOfKeyGroup(index);
            }
        }
        if (entries < MIN_ENTRIES_FOR_THREADS) {
            return 1;
        }
        return Math.min(MAX_SERIALIZER_THREADS, Runtime.getRuntime().availableProcessors());
    }

    private void writeKeyGroup(int index, DataOutputSerializer out) throws IOException {
        RecordEncoder encoder = new RecordEncoder();
        int withEntries = 0;
        for (NamedState state : states) {
            withEntries += state.entries().sizeOfKeyGroup(index) > 0 ? 1 : 0;
        }
        out.writeVarInt(withEntries);
        for (NamedState state : states) {
            int entries = state.entries().sizeOfKeyGroup(index);
            if (entries == 0) {
                continue;
            }
            out.writeByte(state.kind());
            out.writeString(state.name());
            out.writeVarInt(entries);
            state.entries().forEachInKeyGroup(index, (key, namespace, value) -> {
                encoder.encode(key, out);
                encoder.encode(namespace, out);
                encoder.encode(value, out);
            });
        }
        out.writeVarInt(timers.numberOfServices());
        timers.writeKeyGroup(range.firstKeyGroup() + index, out, encoder);
    }

    @Override
    public void release() {
        for (NamedState state : states) {
            state.entries().release();
        }
    }
}
