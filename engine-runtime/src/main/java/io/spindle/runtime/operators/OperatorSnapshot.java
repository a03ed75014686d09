package io.spindle.runtime.operators;

import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.state.KeyGroupsSnapshot;
import java.util.List;

/**
 * The synchronous result of one operator's snapshot: its keyed state serialized by key group
 * (null when it has none) and its list states. Holds no reference to live state.
 */
public record OperatorSnapshot(KeyGroupsSnapshot keyedState, List<ListStateEntries> operatorState) {
    public static final OperatorSnapshot EMPTY = new OperatorSnapshot(null, List.of());

    public boolean isEmpty() {
        return (keyedState == null || keyedState.isEmpty()) && operatorState.isEmpty();
    }
}
