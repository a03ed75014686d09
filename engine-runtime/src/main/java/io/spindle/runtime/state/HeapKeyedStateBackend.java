package io.spindle.runtime.state;

import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.runtime.state.timers.InternalTimerService;
import io.spindle.runtime.state.timers.ProcessingTimeService;
import io.spindle.runtime.state.timers.TimerServices;
import io.spindle.runtime.state.timers.Triggerable;
import io.spindle.serialization.DataInputDeserializer;
import io.spindle.serialization.DataOutputSerializer;
import io.spindle.serialization.RecordDecoder;
import io.spindle.serialization.RecordEncoder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keyed state on the Java heap (the {@code hashmap} backend). Each named state is a table with
 * one hash map per key group of this instance's range. {@link #setCurrentKey} hashes the key and
 * finds its key group once per record; state accesses reuse both.
 *
 * <p>A snapshot serializes every key group into an array of its own in the task thread; values
 * are objects that user code may change in place, so they cannot be shared with a writer thread.
 * Each key group is a stream of its own (own class dictionary), readable without the others.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
    private static final byte VALUE_STATE = 1;
    private static final byte MAP_STATE = 2;

    private final KeyGroupRange keyGroupRange;
    private final int maxParallelism;
    private final ClassLoader userClassLoader;
    private final Map<String, RegisteredState> statesByName = new LinkedHashMap<>();
    private final TimerServices timerServices;

    private Object currentKey;
    private int currentKeyHash;
    private int currentKeyGroupIndex;

    /** A named table, what kind of state it holds, and the view handed to the operator once asked for. */
    private static final class RegisteredState {
        final byte kind;
        final StateTable<Object, Object> table;
        Object view;

        RegisteredState(byte kind, StateTable<Object, Object> table) {
            this.kind = kind;
            this.table = table;
        }
    }

    public HeapKeyedStateBackend(KeyGroupRange keyGroupRange, int maxParallelism) {
        this(keyGroupRange, maxParallelism, HeapKeyedStateBackend.class.getClassLoader());
    }

    public HeapKeyedStateBackend(KeyGroupRange keyGroupRange, int maxParallelism, ClassLoader userClassLoader) {
        if (keyGroupRange.lastKeyGroup() >= maxParallelism) {
            throw new IllegalArgumentException("key-group range " + keyGroupRange
                    + " exceeds max parallelism " + maxParallelism);
        }
        this.keyGroupRange = keyGroupRange;
        this.maxParallelism = maxParallelism;
        this.userClassLoader = userClassLoader;
        this.timerServices = new TimerServices(this, maxParallelism);
    }

    @Override
    public void setCurrentKey(Object key) {
        int hash = key.hashCode();
        int keyGroup = KeyGroupRangeAssignment.computeKeyGroupForKeyHash(hash, maxParallelism);
        if (!keyGroupRange.contains(keyGroup)) {
            throw new IllegalStateException("Key '" + key + "' belongs to key group " + keyGroup
                    + ", which this subtask (key groups " + keyGroupRange.firstKeyGroup() + ".."
                    + keyGroupRange.lastKeyGroup() + ") does not own: the records were partitioned with a"
                    + " different key selector or max parallelism than the keyed operator uses");
        }
        currentKey = key;
        currentKeyHash = hash;
        currentKeyGroupIndex = keyGroup - keyGroupRange.firstKeyGroup();
    }

    @Override
    public Object getCurrentKey() {
        return currentKey;
    }

    @Override
    public KeyGroupRange getKeyGroupRange() {
        return keyGroupRange;
    }

    @Override
    public <T> ValueState<T> getValueState(ValueStateDescriptor<T> descriptor) {
        return getInternalValueState(descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <N, T> InternalValueState<N, T> getInternalValueState(ValueStateDescriptor<T> descriptor) {
        RegisteredState state = registered(descriptor.getName(), VALUE_STATE);
        if (state.view == null) {
            state.view = new HeapValueState<>(state.table, descriptor.getDefaultValue(), VoidNamespace.INSTANCE);
        }
        return (InternalValueState<N, T>) state.view;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        RegisteredState state = registered(descriptor.getName(), MAP_STATE);
        if (state.view == null) {
            state.view = new HeapMapState<>((StateTable) state.table);
        }
        return (MapState<K, V>) state.view;
    }

    @Override
    public <N> InternalTimerService<N> getTimerService(String name, ProcessingTimeService time, Triggerable<N> target) {
        return timerServices.bind(name, time, target);
    }

    /** Number of (key, namespace) entries of a value state; 0 if there is no such state. */
    public int numberOfValueStateEntries(String stateName) {
        RegisteredState state = statesByName.get(stateName);
        return state != null && state.kind == VALUE_STATE ? state.table.size() : 0;
    }

    public int numberOfTimers() {
        return timerServices.numberOfTimers();
    }

    @Override
    public KeyGroupsSnapshot snapshot() throws IOException {
        int count = keyGroupRange.size();
        byte[][] keyGroups = new byte[count][];
        int[] lengths = new int[count];
        DataOutputSerializer out = new DataOutputSerializer(4096);
        timerServices.prepareSnapshot();
        try {
            for (int index = 0; index < count; index++) {
                out.clear();
                writeKeyGroup(index, out);
                keyGroups[index] = out.toByteArray();
                lengths[index] = out.length();
            }
        } finally {
            timerServices.finishSnapshot();
        }
        return new KeyGroupsSnapshot(keyGroupRange.firstKeyGroup(), keyGroups, lengths);
    }

    private void writeKeyGroup(int index, DataOutputSerializer out) throws IOException {
        RecordEncoder encoder = new RecordEncoder();
        int states = 0;
        for (RegisteredState state : statesByName.values()) {
            states += state.table.sizeOfKeyGroup(index) > 0 ? 1 : 0;
        }
        out.writeVarInt(states);
        for (Map.Entry<String, RegisteredState> entry : statesByName.entrySet()) {
            StateTable<Object, Object> table = entry.getValue().table;
            if (table.sizeOfKeyGroup(index) == 0) {
                continue;
            }
            out.writeByte(entry.getValue().kind);
            out.writeString(entry.getKey());
            out.writeVarInt(table.sizeOfKeyGroup(index));
            table.forEachInKeyGroup(index, (key, namespace, value) -> {
                encoder.encode(key, out);
                encoder.encode(namespace, out);
                encoder.encode(value, out);
            });
        }
        out.writeVarInt(timerServices.numberOfServices());
        timerServices.writeKeyGroup(index + keyGroupRange.firstKeyGroup(), out, encoder);
    }

    @Override
    public void restoreKeyGroup(int keyGroup, byte[] bytes, int offset, int length) throws IOException {
        if (!keyGroupRange.contains(keyGroup)) {
            throw new IllegalArgumentException("key group " + keyGroup + " is not in this backend's range " + keyGroupRange);
        }
        int index = keyGroup - keyGroupRange.firstKeyGroup();
        DataInputDeserializer in = new DataInputDeserializer(bytes, offset, length);
        RecordDecoder decoder = new RecordDecoder(userClassLoader);
        int states = in.readVarInt();
        for (int state = 0; state < states; state++) {
            byte kind = in.readByte();
            String name = in.readString();
            StateTable<Object, Object> table = registered(name, kind).table;
            int entries = in.readVarInt();
            for (int i = 0; i < entries; i++) {
                Object key = decoder.decode(in);
                Object namespace = decoder.decode(in);
                table.putRestored(index, key, namespace, decoder.decode(in));
            }
        }
        int timerServiceCount = in.readVarInt();
        for (int i = 0; i < timerServiceCount; i++) {
            timerServices.readService(in, decoder);
        }
    }

    @Override
    public void dispose() {
        timerServices.close();
    }

    int currentKeyHash() {
        return currentKeyHash;
    }

    int currentKeyGroupIndex() {
        return currentKeyGroupIndex;
    }

    Object currentKeyOrFail() {
        if (currentKey == null) {
            throw new IllegalStateException("Keyed state was accessed with no current key: state can be read"
                    + " and written only while processing a record or a timer, not in open() or close()");
        }
        return currentKey;
    }

    private RegisteredState registered(String name, byte kind) {
        RegisteredState state = statesByName.get(name);
        if (state == null) {
            state = new RegisteredState(kind, new StateTable<>(this));
            statesByName.put(name, state);
        } else if (state.kind != kind) {
            throw new IllegalStateException("State '" + name + "' is already registered as a " + kindName(state.kind)
                    + " and cannot also be used as a " + kindName(kind) + "; give the two states different names");
        }
        return state;
    }

    private static String kindName(byte kind) {
        return kind == VALUE_STATE ? "ValueState" : "MapState";
    }
}
