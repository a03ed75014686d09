package io.spindle.runtime.operators;

import io.spindle.api.functions.DistributedCache;
import io.spindle.api.functions.LongCounter;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.runtime.state.KeyedStateBackend;
import java.util.function.Function;

/** The {@link RuntimeContext} that operators give the rich functions they run. */
final class StreamingRuntimeContext implements RuntimeContext {
    private final DistributedCache distributedCache;
    private final TaskInfo taskInfo;
    private final Function<String, LongCounter> counters;
    private final KeyedStateBackend keyedStateBackend;
    private final String functionName;

    /**
     * @param keyedStateBackend the operator's keyed state, or null when its input is not keyed
     * @param functionName names the user function in error messages
     */
    StreamingRuntimeContext(TaskInfo taskInfo, Function<String, LongCounter> counters,
            KeyedStateBackend keyedStateBackend, String functionName, DistributedCache distributedCache) {
        this.distributedCache = distributedCache;
        this.taskInfo = taskInfo;
        this.counters = counters;
        this.keyedStateBackend = keyedStateBackend;
        this.functionName = functionName;
    }

    @Override
    public String getTaskName() {
        return taskInfo.taskName();
    }

    @Override
    public int getIndexOfThisSubtask() {
        return taskInfo.subtaskIndex();
    }

    @Override
    public DistributedCache getDistributedCache() {
        return distributedCache;
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return taskInfo.parallelism();
    }

    @Override
    public int getMaxNumberOfParallelSubtasks() {
        return taskInfo.maxParallelism();
    }

    @Override
    public int getAttemptNumber() {
        return taskInfo.attemptNumber();
    }

    @Override
    public LongCounter getLongCounter(String name) {
        return counters.apply(name);
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return keyedState(descriptor.getName()).getValueState(descriptor);
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return keyedState(descriptor.getName()).getMapState(descriptor);
    }

    private KeyedStateBackend keyedState(String stateName) {
        if (keyedStateBackend == null) {
            throw new IllegalStateException("Keyed state can only be used on a KeyedStream; call keyBy(...) before"
                    + " the operator that runs " + functionName + " (it asked for state '" + stateName
                    + "' in task '" + taskInfo.taskName() + "')");
        }
        return keyedStateBackend;
    }
}
