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
import io.spindle.serialization.RecordDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyed state on the Java heap (the {@code hashmap} backend). Each named state is a table with
 * one hash map per key group of this instance's range. {@link #setCurrentKey} hashes the key and
 * finds its key group once per record; state accesses reuse both.
 *
 * <p>Snapshots are copy-on-write ({@link StateMap}): the task thread only copies bucket arrays
 * and timers, and another thread serializes the entries while the task goes on changing them.
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
    private final StateValueCopier valueCopier;

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
        this.valueCopier = new StateValueCopier(userClassLoader);
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

    /**
     * Copy-on-write: costs a copy of each state's bucket arrays and a copy of the timers; the
     * entries are serialized later, by whoever writes the returned snapshot.
     */
    @Override
    public KeyedStateSnapshot snapshot() {
        List<HeapKeyedStateSnapshot.NamedState> states = new ArrayList<>(statesByName.size());
        statesByName.forEach((name, state) ->
                states.add(new HeapKeyedStateSnapshot.NamedState(state.kind, name, state.table.snapshot())));
        return new HeapKeyedStateSnapshot(keyGroupRange, states, timerServices.snapshot());
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
            // An entry takes at least three bytes (three tags): a corrupt count cannot size the map beyond the data.
            table.reserveRestored(index, Math.min(entries, in.available() / 3));
            for (int i = 0; i < entries; i++) {
                Object key = decoder.decode(in);
                Object namespace = decoder.decode(in);
                if (namespace instanceof VoidNamespace) {
                    // The shared instance rather than one decoded per entry: less heap and less to copy in each GC.
                    namespace = VoidNamespace.INSTANCE;
                }
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

    StateValueCopier valueCopier() {
        return valueCopier;
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
