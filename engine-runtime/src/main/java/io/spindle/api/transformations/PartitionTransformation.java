package io.spindle.api.transformations;

import io.spindle.api.functions.KeySelector;
import io.spindle.graph.PartitionType;
import java.util.List;

/** Virtual: says how records reach the next operator (keyBy, rebalance, broadcast, forward). */
public final class PartitionTransformation<T> extends Transformation<T> {
    private final Transformation<T> input;
    private final PartitionType partitionType;
    private final KeySelector<T, ?> keySelector;

    public PartitionTransformation(Transformation<T> input, PartitionType partitionType, KeySelector<T, ?> keySelector) {
        super(partitionType.name().toLowerCase());
        this.input = input;
        this.partitionType = partitionType;
        this.keySelector = keySelector;
    }

    public Transformation<T> getInput() {
        return input;
    }

    public PartitionType getPartitionType() {
        return partitionType;
    }

    public KeySelector<T, ?> getKeySelector() {
        return keySelector;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of(input);
    }
}
