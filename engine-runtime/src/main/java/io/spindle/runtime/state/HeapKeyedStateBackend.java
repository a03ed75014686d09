package io.spindle.runtime.state;

import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import java.util.HashMap;
import java.util.Map;

/**
 * Keyed state on the Java heap. Each named state is a table with one hash map per key group of
 * this instance's range. {@link #setCurrentKey} hashes the key and finds its key group once per
 * record; state accesses reuse both.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
    private final KeyGroupRange keyGroupRange;
    private final int maxParallelism;
    private final Map<String, Object> statesByName = new HashMap<>();

    private Object currentKey;
    private int currentKeyHash;
    private int currentKeyGroupIndex;

    public HeapKeyedStateBackend(KeyGroupRange keyGroupRange, int maxParallelism) {
        if (keyGroupRange.lastKeyGroup() >= maxParallelism) {
            throw new IllegalArgumentException("key-group range " + keyGroupRange
                    + " exceeds max parallelism " + maxParallelism);
        }
        this.keyGroupRange = keyGroupRange;
        this.maxParallelism = maxParallelism;
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
    public <N, T> InternalValueState<N, T> getInternalValueState(ValueStateDescriptor<T> descriptor) {
        Object existing = statesByName.get(descriptor.getName());
        if (existing == null) {
            HeapValueState<Object, T> state =
                    new HeapValueState<>(new StateTable<>(this), descriptor.getDefaultValue(), VoidNamespace.INSTANCE);
            statesByName.put(descriptor.getName(), state);
            return castValueState(state);
        }
        if (!(existing instanceof HeapValueState<?, ?> state)) {
            throw alreadyRegistered(descriptor.getName(), "MapState", "ValueState");
        }
        return castValueState(state);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        Object existing = statesByName.get(descriptor.getName());
        if (existing == null) {
            HeapMapState<K, V> state = new HeapMapState<>(new StateTable<>(this));
            statesByName.put(descriptor.getName(), state);
            return state;
        }
        if (!(existing instanceof HeapMapState<?, ?> state)) {
            throw alreadyRegistered(descriptor.getName(), "ValueState", "MapState");
        }
        return (MapState<K, V>) state;
    }

    /** Number of (key, namespace) entries of a value state; 0 if there is no such state. */
    public int numberOfValueStateEntries(String stateName) {
        return statesByName.get(stateName) instanceof HeapValueState<?, ?> state ? state.numberOfEntries() : 0;
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

    @SuppressWarnings("unchecked")
    private static <N, T> InternalValueState<N, T> castValueState(HeapValueState<?, ?> state) {
        return (InternalValueState<N, T>) state;
    }

    private static IllegalStateException alreadyRegistered(String name, String existingKind, String requestedKind) {
        return new IllegalStateException("State '" + name + "' is already registered as a " + existingKind
                + " and cannot also be used as a " + requestedKind + "; give the two states different names");
    }
}
