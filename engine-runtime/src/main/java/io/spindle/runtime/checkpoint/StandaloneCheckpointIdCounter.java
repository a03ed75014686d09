package io.spindle.runtime.checkpoint;

import java.util.concurrent.atomic.AtomicLong;

/** The id counter of a JobMaster without high availability: in memory, starting at 1. */
public final class StandaloneCheckpointIdCounter implements CheckpointIdCounter {
    private final AtomicLong next = new AtomicLong(1);

    @Override
    public long getAndIncrement() {
        return next.getAndIncrement();
    }

    @Override
    public long get() {
        return next.get();
    }

    @Override
    public void setCount(long next) {
        this.next.set(next);
    }
}
