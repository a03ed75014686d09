package io.spindle.api.state;

import java.util.Map;

/** A map per key, scoped to the key of the record being processed. */
public interface MapState<K, V> {
    V get(K key);

    void put(K key, V value);

    void putAll(Map<K, V> entries);

    void remove(K key);

    boolean contains(K key);

    Iterable<Map.Entry<K, V>> entries();

    Iterable<K> keys();

    Iterable<V> values();

    boolean isEmpty();

    void clear();
}
