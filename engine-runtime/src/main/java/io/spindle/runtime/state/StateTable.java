package io.spindle.runtime.state;

import java.io.IOException;

/**
 * All entries of one named state, split into one {@link StateMap} per key group of the backend's
 * range, and accessed through the backend's current key. Snapshots and restores go key group by
 * key group.
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
        mapFor(backend.currentKeyGroupIndex()).put(backend.currentKeyOrFail(), backend.currentKeyHash(), namespace, value);
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

    /** Task thread: every key group's map as it is now; see {@link StateMap#snapshot}. */
    Snapshot<N, V> snapshot() {
        @SuppressWarnings("unchecked")
        StateMap.Snapshot<N, V>[] maps = (StateMap.Snapshot<N, V>[]) new StateMap.Snapshot<?, ?>[mapsByKeyGroup.length];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = mapsByKeyGroup[i] == null ? null : mapsByKeyGroup[i].snapshot();
        }
        return new Snapshot<>(maps);
    }

    /** The entries of every key group at the time of {@link StateTable#snapshot}, readable from any thread. */
    static final class Snapshot<N, V> {
        private final StateMap.Snapshot<N, V>[] mapsByKeyGroup;

        private Snapshot(StateMap.Snapshot<N, V>[] mapsByKeyGroup) {
            this.mapsByKeyGroup = mapsByKeyGroup;
        }

        /** Number of entries in the key group at {@code index} of the backend's range. */
        int sizeOfKeyGroup(int index) {
            StateMap.Snapshot<N, V> map = mapsByKeyGroup[index];
            return map == null ? 0 : map.size();
        }

        boolean isEmpty() {
            for (int i = 0; i < mapsByKeyGroup.length; i++) {
                if (sizeOfKeyGroup(i) > 0) {
                    return false;
                }
            }
            return true;
        }

        void forEachInKeyGroup(int index, StateMap.EntryVisitor<N, V> visitor) throws IOException {
            StateMap.Snapshot<N, V> map = mapsByKeyGroup[index];
            if (map != null) {
                map.forEach(visitor);
            }
        }

        void release() {
            for (StateMap.Snapshot<N, V> map : mapsByKeyGroup) {
                if (map != null) {
                    map.release();
                }
            }
        }
    }

    /** Before {@code entries} restored entries come for the key group at {@code index}: sizes its map once. */
    void reserveRestored(int index, int entries) {
        mapFor(index).reserve(entries);
    }

    /** Puts a restored entry into the key group at {@code index}, without a current key. */
    void putRestored(int index, Object key, N namespace, V value) {
        mapFor(index).put(key, key.hashCode(), namespace, value);
    }

    private StateMap<N, V> mapFor(int index) {
        StateMap<N, V> map = mapsByKeyGroup[index];
        if (map == null) {
            map = new StateMap<>(backend.valueCopier());
            mapsByKeyGroup[index] = map;
        }
        return map;
    }
}
