package io.spindle.runtime.operators;

import io.spindle.runtime.state.timers.ProcessingTimeService;
import io.spindle.api.functions.DistributedCache;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.LongCounter;
import java.util.function.Function;

/**
 * Everything the task gives an operator at setup.
 *
 * @param stateKeySelector key of the operator's input records when it follows a {@code keyBy},
 *     otherwise null (no keyed state, no keyed timers)
 * @param counters returns the named counter of this subtask, creating it on first use
 */
public record StreamOperatorParameters<OUT>(
        TaskInfo taskInfo,
        Output<OUT> output,
        ProcessingTimeService processingTimeService,
        KeySelector<?, ?> stateKeySelector,
        Function<String, LongCounter> counters,
        ClassLoader userClassLoader,
        DistributedCache distributedCache) {}
