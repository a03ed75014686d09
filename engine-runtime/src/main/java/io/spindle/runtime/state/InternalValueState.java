package io.spindle.runtime.state;

import io.spindle.api.state.ValueState;

/**
 * A {@link ValueState} scoped by the current key and by a namespace chosen by the operator, such
 * as the window a record falls into. Operators set the namespace before each access.
 */
public interface InternalValueState<N, T> extends ValueState<T> {
    void setCurrentNamespace(N namespace);
}
