package io.spindle.runtime.state;

/**
 * The synchronous part of a keyed-state snapshot: every key group of a backend's range,
 * serialized one after the other into {@code data}; key group {@code firstKeyGroup + i} starts at
 * {@code offsets[i]}. Nothing in it refers to live state, so it can be written to the checkpoint
 * storage by another thread while the task goes on.
 */
public record KeyGroupsSnapshot(int firstKeyGroup, long[] offsets, byte[] data, int length) {

    public boolean isEmpty() {
        return length == 0;
    }
}
