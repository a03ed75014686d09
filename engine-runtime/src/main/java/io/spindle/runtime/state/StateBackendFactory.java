package io.spindle.runtime.state;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;

/** Creates the keyed state backend of each keyed operator instance; chosen by {@code state.backend.type}. */
public interface StateBackendFactory {

    KeyedStateBackend createKeyedStateBackend(KeyGroupRange keyGroupRange, int maxParallelism, ClassLoader userClassLoader);

    static StateBackendFactory fromConfiguration(Configuration configuration) {
        return switch (configuration.get(CheckpointingOptions.STATE_BACKEND)) {
            case HASHMAP -> HeapKeyedStateBackend::new;
        };
    }
}
