package io.spindle.graph;

import io.spindle.api.functions.KeySelector;
import io.spindle.runtime.operators.StreamOperator;
import java.io.Serializable;
import java.util.List;

/**
 * The operators of one task, head first, as serialized into a {@link JobVertex}. Only the head
 * can be keyed: a keyed operator always follows a hash edge, which is never chained.
 */
public record OperatorChainSpec(List<ChainedOperator> operators) implements Serializable {

    /** @param stateKeySelector the key of the operator's input, or null when it is not keyed */
    public record ChainedOperator(String name, StreamOperator<?> operator, KeySelector<?, ?> stateKeySelector)
            implements Serializable {}

    public ChainedOperator head() {
        return operators.get(0);
    }
}
