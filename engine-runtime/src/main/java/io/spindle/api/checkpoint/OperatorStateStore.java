package io.spindle.api.checkpoint;

import io.spindle.api.state.ListState;
import io.spindle.api.state.ListStateDescriptor;

/** Operator state of one parallel instance, by name. */
public interface OperatorStateStore {
    /** List state whose elements are split evenly over the instances on restore. */
    <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

    /** List state of which every instance gets all elements of all instances on restore. */
    <T> ListState<T> getUnionListState(ListStateDescriptor<T> descriptor);
}
