package io.spindle.api.transformations;

import io.spindle.api.functions.ParallelSourceFunction;
import io.spindle.runtime.operators.StreamSource;
import java.util.List;

/**
 * A source operator. Only a {@link ParallelSourceFunction} takes the default or a set
 * parallelism; any other source (a collection, a socket, a plain user {@code SourceFunction})
 * runs with parallelism 1, and setting more is refused here, while the pipeline is built.
 */
public final class SourceTransformation<T> extends Transformation<T> {
    private final StreamSource<T> operator;
    private final boolean parallel;

    public SourceTransformation(String name, StreamSource<T> operator) {
        super(name);
        this.operator = operator;
        this.parallel = operator.getUserFunction() instanceof ParallelSourceFunction;
        if (!parallel) {
            super.setParallelism(1);
        }
    }

    public StreamSource<T> getOperator() {
        return operator;
    }

    @Override
    public void setParallelism(int parallelism) {
        if (!parallel && parallelism != 1) {
            throw new IllegalArgumentException("The source '" + getName() + "' ("
                    + operator.getUserFunction().getClass().getName() + ") is not a ParallelSourceFunction and runs"
                    + " with parallelism 1, but parallelism " + parallelism + " was set on it. Remove the"
                    + " setParallelism call, or implement ParallelSourceFunction if each instance can read its"
                    + " own share of the input.");
        }
        super.setParallelism(parallelism);
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of();
    }
}
