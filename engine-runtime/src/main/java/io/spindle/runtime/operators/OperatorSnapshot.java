package io.spindle.runtime.operators;

import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.state.KeyedStateSnapshot;
import java.util.List;

/**
 * The synchronous result of one operator's snapshot: its keyed state, still to be written out
 * (null when it has none), and its list states, already serialized.
 */
public record OperatorSnapshot(KeyedStateSnapshot keyedState, List<ListStateEntries> operatorState) {
    public static final OperatorSnapshot EMPTY = new OperatorSnapshot(null, List.of());

    /** Frees the backend's copy-on-write hold on the keyed state; once written or abandoned. */
    public void release() {
        if (keyedState != null) {
            keyedState.release();
        }
    }

    public boolean isEmpty() {
        return (keyedState == null || keyedState.isEmpty()) && operatorState.isEmpty();
    }
}
