package io.spindle.runtime.state;

/**
 * The synchronous part of a keyed-state snapshot: every key group of a backend's range,
 * serialized on its own; key group {@code firstKeyGroup + i} is {@code lengths[i]} bytes of
 * {@code keyGroups[i]}. One array per key group keeps any one array small, whatever the state's
 * size. Nothing in it refers to live state, so another thread can write it to the checkpoint
 * storage while the task goes on.
 */
public record KeyGroupsSnapshot(int firstKeyGroup, byte[][] keyGroups, int[] lengths) {

    /** Bytes over all key groups. */
    public long size() {
        long size = 0;
        for (int length : lengths) {
            size += length;
        }
        return size;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Where each key group starts when they are written one after the other. */
    public long[] offsets() {
        long[] offsets = new long[lengths.length];
        long position = 0;
        for (int i = 0; i < lengths.length; i++) {
            offsets[i] = position;
            position += lengths[i];
        }
        return offsets;
    }
}
