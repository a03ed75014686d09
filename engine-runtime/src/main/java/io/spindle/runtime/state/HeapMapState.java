package io.spindle.runtime.state;

import io.spindle.api.state.MapState;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** A map state kept on the heap: one {@link HashMap} per key, dropped when it becomes empty. */
final class HeapMapState<K, V> implements MapState<K, V> {
    private final StateTable<VoidNamespace, HashMap<K, V>> table;

    HeapMapState(StateTable<VoidNamespace, HashMap<K, V>> table) {
        this.table = table;
    }

    @Override
    public V get(K key) {
        HashMap<K, V> map = table.get(VoidNamespace.INSTANCE);
        return map == null ? null : map.get(key);
    }

    @Override
    public void put(K key, V value) {
        mapForUpdate().put(key, value);
    }

    @Override
    public void putAll(Map<K, V> entries) {
        if (!entries.isEmpty()) {
            mapForUpdate().putAll(entries);
        }
    }

    @Override
    public void remove(K key) {
        HashMap<K, V> map = table.get(VoidNamespace.INSTANCE);
        if (map != null) {
            map.remove(key);
            if (map.isEmpty()) {
                table.remove(VoidNamespace.INSTANCE);
            }
        }
    }

    @Override
    public boolean contains(K key) {
        HashMap<K, V> map = table.get(VoidNamespace.INSTANCE);
        return map != null && map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
        HashMap<K, V> map = table.get(VoidNamespace.INSTANCE);
        return map == null ? Collections.emptySet() : map.entrySet();
    }

    @Override
    public Iterable<K> keys() {
        HashMap<K, V> map = table.get(VoidNamespace.INSTANCE);
        return map == null ? Collections.emptySet() : map.keySet();
    }

    @Override
    public Iterable<V> values() {
        HashMap<K, V> map = table.get(VoidNamespace.INSTANCE);
        return map == null ? Collections.emptyList() : map.values();
    }

    @Override
    public boolean isEmpty() {
        HashMap<K, V> map = table.get(VoidNamespace.INSTANCE);
        return map == null || map.isEmpty();
    }

    @Override
    public void clear() {
        table.remove(VoidNamespace.INSTANCE);
    }

    private HashMap<K, V> mapForUpdate() {
        HashMap<K, V> map = table.get(VoidNamespace.INSTANCE);
        if (map == null) {
            map = new HashMap<>();
            table.put(VoidNamespace.INSTANCE, map);
        }
        return map;
    }
}
