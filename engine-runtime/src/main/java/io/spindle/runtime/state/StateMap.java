package io.spindle.runtime.state;

import java.io.IOException;

/**
 * A hash map from (key, namespace) to a state value, for the keys of one key group. The caller
 * passes the key's hash code, computed once per record by the backend, so a lookup neither
 * rehashes the key nor allocates a composite key object.
 */
final class StateMap<N, V> {
    private static final int INITIAL_CAPACITY = 16;
    private static final float LOAD_FACTOR = 0.75f;

    private static final class Entry<N, V> {
        final Object key;
        final N namespace;
        final int hash;
        V value;
        Entry<N, V> next;

        Entry(Object key, N namespace, int hash, V value, Entry<N, V> next) {
            this.key = key;
            this.namespace = namespace;
            this.hash = hash;
            this.value = value;
            this.next = next;
        }

        boolean matches(Object otherKey, N otherNamespace, int otherHash) {
            return hash == otherHash
                    && (key == otherKey || key.equals(otherKey))
                    && (namespace == otherNamespace || namespace.equals(otherNamespace));
        }
    }

    private Entry<N, V>[] table = newTable(INITIAL_CAPACITY);
    private int size;

    /*
     * The entry the last get found, and the key object and namespace it was looked up with. A
     * read-modify-write of one record (value() then update(...)) passes the very same key object
     * twice, so the update can write the entry without a second probe and key comparison.
     */
    private Entry<N, V> lastFound;
    private Object lastLookupKey;
    private N lastLookupNamespace;

    V get(Object key, int keyHash, N namespace) {
        int hash = hash(keyHash, namespace);
        for (Entry<N, V> e = table[hash & (table.length - 1)]; e != null; e = e.next) {
            if (e.matches(key, namespace, hash)) {
                lastFound = e;
                lastLookupKey = key;
                lastLookupNamespace = namespace;
                return e.value;
            }
        }
        return null;
    }

    void put(Object key, int keyHash, N namespace, V value) {
        if (lastFound != null && key == lastLookupKey && namespace == lastLookupNamespace) {
            lastFound.value = value;
            return;
        }
        int hash = hash(keyHash, namespace);
        int index = hash & (table.length - 1);
        for (Entry<N, V> e = table[index]; e != null; e = e.next) {
            if (e.matches(key, namespace, hash)) {
                e.value = value;
                return;
            }
        }
        table[index] = new Entry<>(key, namespace, hash, value, table[index]);
        if (++size > table.length * LOAD_FACTOR) {
            grow();
        }
    }

    void remove(Object key, int keyHash, N namespace) {
        lastFound = null;
        lastLookupKey = null;
        lastLookupNamespace = null;
        int hash = hash(keyHash, namespace);
        int index = hash & (table.length - 1);
        Entry<N, V> previous = null;
        for (Entry<N, V> e = table[index]; e != null; previous = e, e = e.next) {
            if (e.matches(key, namespace, hash)) {
                if (previous == null) {
                    table[index] = e.next;
                } else {
                    previous.next = e.next;
                }
                size--;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** Receives the entries of a map, for snapshots. */
    @FunctionalInterface
    interface EntryVisitor<N, V> {
        void visit(Object key, N namespace, V value) throws IOException;
    }

    void forEach(EntryVisitor<N, V> visitor) throws IOException {
        for (Entry<N, V> head : table) {
            for (Entry<N, V> e = head; e != null; e = e.next) {
                visitor.visit(e.key, e.namespace, e.value);
            }
        }
    }

    private void grow() {
        Entry<N, V>[] old = table;
        Entry<N, V>[] grown = newTable(old.length * 2);
        int mask = grown.length - 1;
        for (Entry<N, V> head : old) {
            Entry<N, V> e = head;
            while (e != null) {
                Entry<N, V> next = e.next;
                int index = e.hash & mask;
                e.next = grown[index];
                grown[index] = e;
                e = next;
            }
        }
        table = grown;
    }

    /** Spreads the high bits down, since the table index uses only the low bits. */
    private static int hash(int keyHash, Object namespace) {
        int h = keyHash * 31 + namespace.hashCode();
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static <N, V> Entry<N, V>[] newTable(int capacity) {
        return (Entry<N, V>[]) new Entry<?, ?>[capacity];
    }
}
