package io.spindle.api.transformations;

import io.spindle.runtime.operators.StreamSource;
import java.util.List;

/** A source operator; non-parallel sources (a collection, a socket) run with parallelism 1. */
public final class SourceTransformation<T> extends Transformation<T> {
    private final StreamSource<T> operator;
    private final boolean parallel;

    public SourceTransformation(String name, StreamSource<T> operator, boolean parallel) {
        super(name);
        this.operator = operator;
        this.parallel = parallel;
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
            throw new IllegalArgumentException(
                    "The source '" + getName() + "' is not parallel; its parallelism must stay 1, was " + parallelism);
        }
        super.setParallelism(parallelism);
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of();
    }
}
