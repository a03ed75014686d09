package io.spindle.runtime.state;

/**
 * All entries of one named state, split into one {@link StateMap} per key group of the backend's
 * range, and accessed through the backend's current key.
 */
final class StateTable<N, V> {
    private final HeapKeyedStateBackend backend;
    private final StateMap<N, V>[] mapsByKeyGroup;

    @SuppressWarnings("unchecked")
    StateTable(HeapKeyedStateBackend backend) {
        this.backend = backend;
        this.mapsByKeyGroup = (StateMap<N, V>[]) new StateMap<?, ?>[backend.getKeyGroupRange().size()];
    }

    V get(N namespace) {
        StateMap<N, V> map = mapsByKeyGroup[backend.currentKeyGroupIndex()];
        return map == null ? null : map.get(backend.currentKeyOrFail(), backend.currentKeyHash(), namespace);
    }

    void put(N namespace, V value) {
        int index = backend.currentKeyGroupIndex();
        StateMap<N, V> map = mapsByKeyGroup[index];
        if (map == null) {
            map = new StateMap<>();
            mapsByKeyGroup[index] = map;
        }
        map.put(backend.currentKeyOrFail(), backend.currentKeyHash(), namespace, value);
    }

    void remove(N namespace) {
        StateMap<N, V> map = mapsByKeyGroup[backend.currentKeyGroupIndex()];
        if (map != null) {
            map.remove(backend.currentKeyOrFail(), backend.currentKeyHash(), namespace);
        }
    }

    /** Number of (key, namespace) entries over all key groups. */
    int size() {
        int size = 0;
        for (StateMap<N, V> map : mapsByKeyGroup) {
            size += map == null ? 0 : map.size();
        }
        return size;
    }
}
