package io.spindle.runtime.state;

import java.io.IOException;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * A hash map from (key, namespace) to a state value, for the keys of one key group. The caller
 * passes the key's hash code, computed once per record by the backend, so a lookup neither
 * rehashes the key nor allocates a composite key object.
 *
 * <p>Snapshots are copy-on-write, so that the task thread takes one in the time of an array
 * copy and another thread writes it out while the task goes on. A snapshot is the bucket array
 * as it was, and the entries reachable from it are never changed again while the snapshot is
 * live: every entry carries the map version it was created at, and one older than the newest
 * live snapshot is copied (with the part of its chain before it) before it is changed. A value
 * read from such an entry is copied too, because user code may change the object it gets in
 * place.
 */
final class StateMap<N, V> {
    private static final int INITIAL_CAPACITY = 16;
    private static final float LOAD_FACTOR = 0.75f;

    private static final class Entry<N, V> {
        final Object key;
        final N namespace;
        final int hash;
        /** The map version this entry object was created at. */
        final int entryVersion;
        V value;
        /** The map version {@link #value} was set or copied at. */
        int valueVersion;
        Entry<N, V> next;

        Entry(Object key, N namespace, int hash, V value, Entry<N, V> next, int version) {
            this.key = key;
            this.namespace = namespace;
            this.hash = hash;
            this.value = value;
            this.next = next;
            this.entryVersion = version;
            this.valueVersion = version;
        }

        /** A copy to change in place of {@code shared}; the value is still shared and keeps its version. */
        Entry(Entry<N, V> shared, int version) {
            this(shared.key, shared.namespace, shared.hash, shared.value, shared.next, version);
            this.valueVersion = shared.valueVersion;
        }

        boolean matches(Object otherKey, N otherNamespace, int otherHash) {
            return hash == otherHash
                    && (key == otherKey || key.equals(otherKey))
                    && (namespace == otherNamespace || namespace.equals(otherNamespace));
        }
    }

    private final StateValueCopier copier;
    private Entry<N, V>[] table = newTable(INITIAL_CAPACITY);
    private int size;

    /** Advanced by each snapshot; entries and values created from then on carry the new version. */
    private int version;
    private final TreeSet<Integer> liveSnapshotVersions = new TreeSet<>();
    /*
     * Entries and values older than this are shared with a live snapshot. Raised by the task
     * thread when it takes a snapshot, lowered by the writer thread when it releases one: a stale
     * read in the task thread can only be too high, which copies more than needed, never less.
     */
    private volatile int highestLiveSnapshotVersion;

    /*
     * The entry the last get found, and the key object and namespace it was looked up with. A
     * read-modify-write of one record (value() then update(...)) passes the very same key object
     * twice, so the update can write the entry without a second probe and key comparison. It is
     * never an entry shared with a snapshot: get copies such an entry first, and taking a
     * snapshot forgets it.
     */
    private Entry<N, V> lastFound;
    private Object lastLookupKey;
    private N lastLookupNamespace;

    StateMap(StateValueCopier copier) {
        this.copier = copier;
    }

    V get(Object key, int keyHash, N namespace) {
        int hash = hash(keyHash, namespace);
        int index = hash & (table.length - 1);
        for (Entry<N, V> e = table[index]; e != null; e = e.next) {
            if (e.matches(key, namespace, hash)) {
                int shared = highestLiveSnapshotVersion;
                if (e.valueVersion < shared) {
                    e = writableEntry(index, e, shared);
                    e.value = copier.copy(e.value);
                    e.valueVersion = version;
                }
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
            lastFound.valueVersion = version;
            return;
        }
        int hash = hash(keyHash, namespace);
        int index = hash & (table.length - 1);
        for (Entry<N, V> e = table[index]; e != null; e = e.next) {
            if (e.matches(key, namespace, hash)) {
                Entry<N, V> writable = writableEntry(index, e, highestLiveSnapshotVersion);
                writable.value = value;
                writable.valueVersion = version;
                return;
            }
        }
        table[index] = new Entry<>(key, namespace, hash, value, table[index], version);
        if (++size > table.length * LOAD_FACTOR) {
            resize(table.length * 2);
        }
    }

    /** Makes room for {@code additional} more entries at once (a restored key group) rather than doubling step by step. */
    void reserve(int additional) {
        long needed = (long) Math.ceil((size + (long) additional) / (double) LOAD_FACTOR);
        if (needed > table.length) {
            resize(Math.toIntExact(Math.min(1 << 30, Long.highestOneBit(needed - 1) << 1)));
        }
    }

    void remove(Object key, int keyHash, N namespace) {
        forgetLastFound();
        int hash = hash(keyHash, namespace);
        int index = hash & (table.length - 1);
        Entry<N, V> previous = null;
        for (Entry<N, V> e = table[index]; e != null; previous = e, e = e.next) {
            if (e.matches(key, namespace, hash)) {
                if (previous == null) {
                    table[index] = e.next;
                } else {
                    writableEntry(index, previous, highestLiveSnapshotVersion).next = e.next;
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

    /**
     * Task thread: the map as it is now, readable from any thread until {@link Snapshot#release}
     * while this map goes on changing. Costs a copy of the bucket array.
     */
    Snapshot<N, V> snapshot() {
        int snapshotVersion = ++version;
        synchronized (liveSnapshotVersions) {
            liveSnapshotVersions.add(snapshotVersion);
            highestLiveSnapshotVersion = snapshotVersion;
        }
        forgetLastFound();
        return new Snapshot<>(this, Arrays.copyOf(table, table.length), size, snapshotVersion);
    }

    private void release(int snapshotVersion) {
        synchronized (liveSnapshotVersions) {
            liveSnapshotVersions.remove(snapshotVersion);
            highestLiveSnapshotVersion = liveSnapshotVersions.isEmpty() ? 0 : liveSnapshotVersions.last();
        }
    }

    /** The entries of a map at the time of {@link StateMap#snapshot}. */
    static final class Snapshot<N, V> {
        private final StateMap<N, V> map;
        private final Entry<N, V>[] table;
        private final int size;
        private final int version;

        private Snapshot(StateMap<N, V> map, Entry<N, V>[] table, int size, int version) {
            this.map = map;
            this.table = table;
            this.size = size;
            this.version = version;
        }

        int size() {
            return size;
        }

        void forEach(EntryVisitor<N, V> visitor) throws IOException {
            for (Entry<N, V> head : table) {
                for (Entry<N, V> e = head; e != null; e = e.next) {
                    visitor.visit(e.key, e.namespace, e.value);
                }
            }
        }

        /** Lets the map change the entries of this snapshot in place again; call once it is written. Idempotent. */
        void release() {
            map.release(version);
        }
    }

    /**
     * {@code target}, or, if it is shared with a live snapshot, a copy that replaced it in the
     * chain at {@code index}; the shared entries before it in the chain are replaced by copies
     * too, since linking in the copy changes its predecessor.
     */
    private Entry<N, V> writableEntry(int index, Entry<N, V> target, int sharedBelow) {
        if (target.entryVersion >= sharedBelow) {
            return target;
        }
        Entry<N, V> previous = null;
        for (Entry<N, V> e = table[index]; ; e = e.next) {
            Entry<N, V> writable = e.entryVersion >= sharedBelow ? e : new Entry<>(e, version);
            if (previous == null) {
                table[index] = writable;
            } else {
                previous.next = writable;
            }
            if (e == target) {
                return writable;
            }
            previous = writable;
        }
    }

    private void resize(int capacity) {
        forgetLastFound();
        int sharedBelow = highestLiveSnapshotVersion;
        Entry<N, V>[] old = table;
        Entry<N, V>[] grown = newTable(capacity);
        int mask = grown.length - 1;
        for (Entry<N, V> head : old) {
            Entry<N, V> e = head;
            while (e != null) {
                Entry<N, V> next = e.next;
                Entry<N, V> moved = e.entryVersion >= sharedBelow ? e : new Entry<>(e, version);
                int index = moved.hash & mask;
                moved.next = grown[index];
                grown[index] = moved;
                e = next;
            }
        }
        table = grown;
    }

    private void forgetLastFound() {
        lastFound = null;
        lastLookupKey = null;
        lastLookupNamespace = null;
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
