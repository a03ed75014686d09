package io.spindle.api.functions;

/** A per-subtask counter; the job result carries the sum over all subtasks. */
public final class LongCounter {
    private long value;

    public void add(long delta) {
        value += delta;
    }

    public long get() {
        return value;
    }
}
