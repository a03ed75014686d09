package io.spindle.runtime.state;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A keyed-state snapshot written to memory, key group by key group, as the checkpoint files hold it. */
record WrittenSnapshot(Map<Integer, byte[]> keyGroups) {

    /** Writes the snapshot, then releases it, as a task's checkpoint thread does. */
    static WrittenSnapshot of(KeyedStateSnapshot snapshot) throws IOException {
        Map<Integer, byte[]> keyGroups = new LinkedHashMap<>();
        try {
            snapshot.writeKeyGroups((keyGroup, bytes, offset, length) ->
                    keyGroups.put(keyGroup, Arrays.copyOfRange(bytes, offset, offset + length)));
        } finally {
            snapshot.release();
        }
        return new WrittenSnapshot(keyGroups);
    }

    /** Restores the key groups of the backend's range. */
    void restoreInto(HeapKeyedStateBackend backend) throws IOException {
        for (Map.Entry<Integer, byte[]> keyGroup : keyGroups.entrySet()) {
            if (backend.getKeyGroupRange().contains(keyGroup.getKey())) {
                backend.restoreKeyGroup(keyGroup.getKey(), keyGroup.getValue(), 0, keyGroup.getValue().length);
            }
        }
    }
}
