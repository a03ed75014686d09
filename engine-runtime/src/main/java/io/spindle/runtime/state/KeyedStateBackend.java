package io.spindle.runtime.state;

import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.runtime.state.timers.InternalTimerService;
import io.spindle.runtime.state.timers.ProcessingTimeService;
import io.spindle.runtime.state.timers.Triggerable;
import java.io.IOException;

/**
 * Keyed state of one parallel instance of a keyed operator, organised by the key groups of its
 * {@link #getKeyGroupRange() range}: named states and the operator's timers. State objects it
 * returns are bound to the current key: the operator sets the key of each record (or firing
 * timer) with {@link #setCurrentKey} and every state access then reads and writes that key's
 * entry. Snapshots and restores go by key group, so a job can be restored at another
 * parallelism. Used from the task thread only.
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

    /**
     * The named timer service of the operator, with the timers restored for it; its timers and
     * watermark are part of every snapshot. One operator binds one name once.
     */
    <N> InternalTimerService<N> getTimerService(String name, ProcessingTimeService time, Triggerable<N> target);

    /**
     * All state as it is now, cheaply in the calling (task) thread; the returned snapshot is
     * serialized key group by key group from any thread while this backend goes on changing.
     */
    KeyedStateSnapshot snapshot();

    /** Adds the state of one key group of this range, as a {@link #snapshot} of any instance wrote it. */
    void restoreKeyGroup(int keyGroup, byte[] bytes, int offset, int length) throws IOException;

    /** Stops the timer services' wake-ups; the state goes with the operator. */
    void dispose();
}
