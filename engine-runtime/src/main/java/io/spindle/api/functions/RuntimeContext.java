package io.spindle.api.functions;

import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;

/** What a running function may know and use about the parallel instance that runs it. */
public interface RuntimeContext {
    String getTaskName();

    int getIndexOfThisSubtask();

    int getNumberOfParallelSubtasks();

    int getMaxNumberOfParallelSubtasks();

    int getAttemptNumber();

    /** A counter reported in the job's result under {@code name}, summed over all subtasks. */
    LongCounter getLongCounter(String name);

    /** Files registered with {@code StreamEnvironment.registerCachedFile}, readable on every TaskManager. */
    DistributedCache getDistributedCache();

    /** Keyed state; only available on a keyed stream. */
    <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

    /** Keyed state; only available on a keyed stream. */
    <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);
}
