package io.spindle.runtime.state;

import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;

/**
 * Keyed state of one parallel instance of a keyed operator, organised by the key groups of its
 * {@link #getKeyGroupRange() range}. State objects it returns are bound to the current key: the
 * operator sets the key of each record (or firing timer) with {@link #setCurrentKey} and every
 * state access then reads and writes that key's entry. Used from the task thread only.
 */
public interface KeyedStateBackend {

    /**
     * Makes {@code key} the key that states read and write. Computes its key group once, so state
     * accesses that follow are plain lookups.
     *
     * @throws IllegalStateException if the key belongs to a key group outside this instance's range
     */
    void setCurrentKey(Object key);

    /** The key set last, or null before the first {@link #setCurrentKey}. */
    Object getCurrentKey();

    KeyGroupRange getKeyGroupRange();

    /** The value state named by the descriptor; asking twice for one name returns the same state. */
    <T> ValueState<T> getValueState(ValueStateDescriptor<T> descriptor);

    /** A value state that is also scoped by a namespace (operator-internal state such as windows). */
    <N, T> InternalValueState<N, T> getInternalValueState(ValueStateDescriptor<T> descriptor);

    /** The map state named by the descriptor; asking twice for one name returns the same state. */
    <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);
}
