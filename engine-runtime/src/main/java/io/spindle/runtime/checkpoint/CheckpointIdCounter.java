package io.spindle.runtime.checkpoint;

/**
 * Hands out checkpoint ids, increasing over the life of a job, also across JobMaster failovers
 * when the implementation is highly available: a restored job must never reuse the id of a
 * checkpoint that already exists, or a new checkpoint would overwrite its directory. The
 * coordinator calls it on its I/O executor, so implementations may block and must be safe to
 * call from more than one thread.
 */
public interface CheckpointIdCounter {

    /** Returns the next id and moves the counter past it. */
    long getAndIncrement() throws Exception;

    /** The id the next {@link #getAndIncrement()} returns. */
    long get() throws Exception;

    /** Makes {@code next} the id the next {@link #getAndIncrement()} returns, e.g. past a restored savepoint's. */
    void setCount(long next) throws Exception;
}
