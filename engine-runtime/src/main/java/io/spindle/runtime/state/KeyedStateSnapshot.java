package io.spindle.runtime.state;

import java.io.IOException;

/**
 * The synchronous part of a keyed-state snapshot, taken in the task thread: it holds the state
 * as it was, while the backend goes on changing, and is written out from another thread. Each
 * key group is serialized on its own, so a restore at another parallelism reads only its own.
 */
public interface KeyedStateSnapshot {

    int firstKeyGroup();

    int numberOfKeyGroups();

    /** Whether there is nothing to restore: no entries and no timer services. */
    boolean isEmpty();

    /** Any thread, once: serializes the key groups in order and passes each one's bytes to {@code consumer}. */
    void writeKeyGroups(KeyGroupConsumer consumer) throws IOException;

    /** Frees what the backend keeps for this snapshot; call once it is written or abandoned. Idempotent. */
    void release();
}
