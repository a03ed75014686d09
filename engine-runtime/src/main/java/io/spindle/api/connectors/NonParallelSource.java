package io.spindle.api.connectors;

import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SourceFunction;

/**
 * Marks a source that must run as a single instance (parallelism 1), because its input cannot be
 * divided among parallel instances (an in-memory collection, one socket connection).
 *
 * <p>The DataStream API forces parallelism 1 for such sources and calls
 * {@link #checkParallelism} when the user sets a parallelism, so that a wrong setting fails on
 * the client with a clear message rather than as duplicated records at run time.
 */
public interface NonParallelSource {

    /** True when {@code source} can only run at parallelism 1. */
    static boolean isNonParallel(SourceFunction<?> source) {
        return source instanceof NonParallelSource;
    }

    /**
     * Throws {@link IllegalArgumentException} when {@code source} is non-parallel and
     * {@code parallelism} is not 1; does nothing for parallel sources.
     */
    static void checkParallelism(SourceFunction<?> source, int parallelism) {
        if (isNonParallel(source) && parallelism != 1) {
            throw new IllegalArgumentException("The source " + source.getClass().getSimpleName()
                    + " is not parallel and can only run with parallelism 1, but parallelism "
                    + parallelism + " was requested. Remove the setParallelism call on this source,"
                    + " or rebalance its output to spread the work of later operators.");
        }
    }

    /** The run-time form of {@link #checkParallelism}, for {@code open} of a non-parallel source. */
    static void checkRunsAlone(SourceFunction<?> source, RuntimeContext context) {
        checkParallelism(source, context.getNumberOfParallelSubtasks());
    }
}
