package io.spindle.api.transformations;

import java.util.List;

/** Virtual: the records of several streams of the same type flow into the next operator. */
public final class UnionTransformation<T> extends Transformation<T> {
    private final List<Transformation<T>> inputs;

    public UnionTransformation(List<Transformation<T>> inputs) {
        super("union");
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.copyOf(inputs);
    }
}
