package io.spindle.serialization;

import java.util.Arrays;

/**
 * Classes to their per-stream dictionary ids: an open-addressing table on identity, without
 * the boxing and entry objects of a {@code HashMap<Class<?>, Integer>}. The arrays are made on
 * first use, as many encoders (one per self-contained value) never need them.
 */
final class ClassIdTable {
    static final int ABSENT = -1;

    private static final Class<?>[] NO_KEYS = new Class<?>[0];

    private Class<?>[] keys = NO_KEYS;
    private int[] ids;
    private int size;

    int get(Class<?> type) {
        if (size == 0) {
            return ABSENT;
        }
        int mask = keys.length - 1;
        for (int slot = slotOf(type, mask); ; slot = (slot + 1) & mask) {
            Class<?> key = keys[slot];
            if (key == type) {
                return ids[slot];
            }
            if (key == null) {
                return ABSENT;
            }
        }
    }

    /** Adds a class that is not in the table yet. */
    void put(Class<?> type, int id) {
        if (2 * (size + 1) > keys.length) {
            rehash(Math.max(16, keys.length * 2));
        }
        insert(type, id);
        size++;
    }

    void clear() {
        Arrays.fill(keys, null);
        size = 0;
    }

    private void insert(Class<?> type, int id) {
        int mask = keys.length - 1;
        int slot = slotOf(type, mask);
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = type;
        ids[slot] = id;
    }

    private void rehash(int capacity) {
        Class<?>[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new Class<?>[capacity];
        ids = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldIds[i]);
            }
        }
    }

    private static int slotOf(Class<?> type, int mask) {
        int h = System.identityHashCode(type);
        return (h ^ (h >>> 16)) * 0x9E3779B9 >>> 8 & mask;
    }
}
