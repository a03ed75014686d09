package io.spindle.runtime.state.timers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Registered timers of one time domain, de-duplicated, ordered by timestamp and, for equal
 * timestamps, by registration, so that a job's output order does not depend on hash codes.
 * Deletion is lazy: a deleted timer leaves the set at once and is discarded from the heap when it
 * reaches the top, which keeps deletion O(1) for functions that move a timer on every record.
 */
final class TimerQueue<N> {
    private record Queued<N>(InternalTimer<N> timer, long sequence) {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final Comparator<Queued> ORDER = (a, b) -> {
        int byTime = Long.compare(a.timer().timestamp(), b.timer().timestamp());
        return byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
    };

    @SuppressWarnings("unchecked")
    private final PriorityQueue<Queued<N>> heap = new PriorityQueue<>((Comparator<Queued<N>>) (Comparator<?>) ORDER);
    private final Set<InternalTimer<N>> registered = new HashSet<>();
    private long nextSequence;

    void add(InternalTimer<N> timer) {
        if (registered.add(timer)) {
            heap.add(new Queued<>(timer, nextSequence++));
        }
    }

    void delete(InternalTimer<N> timer) {
        registered.remove(timer);
    }

    /** The earliest registered timer, or null. */
    InternalTimer<N> peek() {
        Queued<N> head = heap.peek();
        while (head != null && !registered.contains(head.timer())) {
            heap.poll();
            head = heap.peek();
        }
        return head == null ? null : head.timer();
    }

    /** Removes and returns the earliest registered timer if it is due at {@code time}, else null. */
    InternalTimer<N> pollDue(long time) {
        InternalTimer<N> head = peek();
        if (head == null || head.timestamp() > time) {
            return null;
        }
        heap.poll();
        registered.remove(head);
        return head;
    }

    /** The timestamp of the latest registered timer, or {@link Long#MIN_VALUE} if there is none. */
    long latestTimestamp() {
        long latest = Long.MIN_VALUE;
        for (InternalTimer<N> timer : registered) {
            latest = Math.max(latest, timer.timestamp());
        }
        return latest;
    }

    /** The registered timers, earliest first; for snapshots. */
    List<InternalTimer<N>> sortedTimers() {
        List<Queued<N>> live = new ArrayList<>(registered.size());
        for (Queued<N> queued : heap) {
            if (registered.contains(queued.timer())) {
                live.add(queued);
            }
        }
        live.sort(ORDER);
        List<InternalTimer<N>> timers = new ArrayList<>(live.size());
        for (Queued<N> queued : live) {
            timers.add(queued.timer());
        }
        return timers;
    }

    int size() {
        return registered.size();
    }
}
