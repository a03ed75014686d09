package io.spindle.runtime.operators;

import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.state.KeyGroupConsumer;
import io.spindle.runtime.state.KeyGroupRange;
import io.spindle.runtime.state.StateBackendFactory;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * What an operator instance starts from: its share of a restored checkpoint (if the job
 * restarted from one) and the state backend to keep keyed state in.
 */
public interface StateInitializationContext {

    /** The id of the checkpoint restored from, empty on a fresh start. */
    OptionalLong restoredCheckpointId();

    /** This instance's share of the operator's restored list states; empty on a fresh start. */
    List<ListStateEntries> operatorState();

    /** Feeds every restored key group of {@code range} to {@code consumer}, reading the checkpoint's files. */
    void readKeyGroups(KeyGroupRange range, KeyGroupConsumer consumer) throws IOException;

    StateBackendFactory stateBackendFactory();

    /** A fresh start: nothing restored, heap state. */
    StateInitializationContext EMPTY = new StateInitializationContext() {
        @Override
        public OptionalLong restoredCheckpointId() {
            return OptionalLong.empty();
        }

        @Override
        public List<ListStateEntries> operatorState() {
            return List.of();
        }

        @Override
        public void readKeyGroups(KeyGroupRange range, KeyGroupConsumer consumer) {}

        @Override
        public StateBackendFactory stateBackendFactory() {
            return io.spindle.runtime.state.HeapKeyedStateBackend::new;
        }
    };
}
