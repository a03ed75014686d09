package io.spindle.api.connectors;

import io.spindle.api.functions.LongCounter;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;

import java.util.HashMap;
import java.util.Map;

/** A runtime context for one subtask of a non-keyed operator. */
final class FakeRuntimeContext implements RuntimeContext {
    private final int subtaskIndex;
    private final int parallelism;
    private final Map<String, LongCounter> counters = new HashMap<>();

    FakeRuntimeContext(int subtaskIndex, int parallelism) {
        this.subtaskIndex = subtaskIndex;
        this.parallelism = parallelism;
    }

    @Override
    public io.spindle.api.functions.DistributedCache getDistributedCache() {
        throw new UnsupportedOperationException("connector tests use no cached files");
    }

    @Override
    public String getTaskName() {
        return "test-task";
    }

    @Override
    public int getIndexOfThisSubtask() {
        return subtaskIndex;
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return parallelism;
    }

    @Override
    public int getMaxNumberOfParallelSubtasks() {
        return 128;
    }

    @Override
    public int getAttemptNumber() {
        return 0;
    }

    @Override
    public LongCounter getLongCounter(String name) {
        return counters.computeIfAbsent(name, ignored -> new LongCounter());
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        throw new UnsupportedOperationException("keyed state is not available in connector tests");
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        throw new UnsupportedOperationException("keyed state is not available in connector tests");
    }
}
