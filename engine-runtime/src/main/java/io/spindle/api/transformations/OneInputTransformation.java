package io.spindle.api.transformations;

import io.spindle.api.functions.KeySelector;
import io.spindle.runtime.operators.OneInputStreamOperator;
import java.util.List;

/** An operator with one input; keyed when it follows {@code keyBy}. A sink is one too. */
public final class OneInputTransformation<IN, OUT> extends Transformation<OUT> {
    private final Transformation<IN> input;
    private final OneInputStreamOperator<IN, OUT> operator;
    private final KeySelector<IN, ?> stateKeySelector;

    public OneInputTransformation(
            Transformation<IN> input, String name, OneInputStreamOperator<IN, OUT> operator, KeySelector<IN, ?> stateKeySelector) {
        super(name);
        this.input = input;
        this.operator = operator;
        this.stateKeySelector = stateKeySelector;
    }

    public Transformation<IN> getInput() {
        return input;
    }

    public OneInputStreamOperator<IN, OUT> getOperator() {
        return operator;
    }

    /** The key of the input records, or null when the operator is not keyed. */
    public KeySelector<IN, ?> getStateKeySelector() {
        return stateKeySelector;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of(input);
    }
}
