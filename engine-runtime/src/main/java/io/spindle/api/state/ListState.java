package io.spindle.api.state;

import java.util.List;

/**
 * Operator state: a list of elements per parallel instance. On restore at another parallelism
 * the elements of all instances are redistributed evenly (or, for union list state, every
 * instance gets all of them), so each element must make sense on its own, such as a split and
 * its offset.
 */
public interface ListState<T> {
    /** The elements, in the order they were added; empty, never null, when there are none. */
    Iterable<T> get();

    void add(T value);

    /** Replaces the elements with {@code values}. */
    void update(List<T> values);

    void clear();
}
