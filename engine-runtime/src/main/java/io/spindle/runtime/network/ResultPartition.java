package io.spindle.runtime.network;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The output of one producing subtask, split into subpartitions (one per consuming subtask).
 *
 * <p>Threading: {@code emitRecord}, {@code broadcastRecord}, {@code broadcastEvent},
 * {@code flushAll} and {@code finish} are called by the producing task's thread only.
 * {@link #release} may be called from any thread and wakes a writer blocked on buffers.
 *
 * <p>Records arrive serialized; each is framed with a 4-byte length header and copied straight
 * into the subpartition's pooled buffer, so emitting allocates nothing and takes no lock unless a
 * buffer fills or the flush timeout is 0.
 */
public final class ResultPartition {

    private final ResultPartitionId id;
    private final ResultSubpartition[] subpartitions;
    private final LocalBufferPool bufferPool;
    private final boolean flushAfterEveryRecord;
    private final Consumer<ResultPartition> onRelease;
    private final AtomicInteger unconsumedSubpartitions;
    private volatile ScheduledFuture<?> periodicFlush;
    private volatile boolean released;

    ResultPartition(ResultPartitionId id, int numberOfSubpartitions, long flushTimeoutMillis,
            LocalBufferPool bufferPool, Consumer<ResultPartition> onRelease) {
        this.id = id;
        this.bufferPool = bufferPool;
        this.flushAfterEveryRecord = flushTimeoutMillis == 0;
        this.onRelease = onRelease;
        this.subpartitions = new ResultSubpartition[numberOfSubpartitions];
        for (int i = 0; i < numberOfSubpartitions; i++) {
            subpartitions[i] = new ResultSubpartition(this, i, bufferPool);
        }
        this.unconsumedSubpartitions = new AtomicInteger(numberOfSubpartitions);
    }

    void setPeriodicFlush(ScheduledFuture<?> future) {
        this.periodicFlush = future;
    }

    public ResultPartitionId getId() {
        return id;
    }

    public int getNumberOfSubpartitions() {
        return subpartitions.length;
    }

    /** The partition's share of network buffers; its counters show how much memory is in use. */
    public LocalBufferPool getBufferPool() {
        return bufferPool;
    }

    public boolean isReleased() {
        return released;
    }

    /**
     * Appends one serialized record to a subpartition. Blocks while all of the partition's buffers
     * are in use (backpressure); throws IOException once the partition is released.
     */
    public void emitRecord(byte[] bytes, int offset, int length, int subpartition)
            throws IOException, InterruptedException {
        ResultSubpartition target = subpartitions[subpartition];
        target.write(Framing.recordHeader(checkLength(length)), bytes, offset, length);
        if (flushAfterEveryRecord) {
            target.flush();
        }
    }

    /** Appends the record to every subpartition. */
    public void broadcastRecord(byte[] bytes, int offset, int length) throws IOException, InterruptedException {
        int header = Framing.recordHeader(checkLength(length));
        for (ResultSubpartition target : subpartitions) {
            target.write(header, bytes, offset, length);
            if (flushAfterEveryRecord) {
                target.flush();
            }
        }
    }

    /**
     * Appends an opaque event (watermark, checkpoint barrier, ...) to every subpartition, ordered
     * with the records around it, and flushes so it is not held back by the flush timeout.
     */
    public void broadcastEvent(byte[] eventBytes) throws IOException, InterruptedException {
        int header = Framing.eventHeader(checkLength(eventBytes.length));
        for (ResultSubpartition target : subpartitions) {
            target.write(header, eventBytes, 0, eventBytes.length);
            target.flush();
        }
    }

    /**
     * Puts an event ahead of everything queued in every subpartition (an unaligned checkpoint's
     * barrier) and returns, per subpartition, the bytes it overtook; they are still delivered.
     */
    public OvertakenData[] broadcastPriorityEvent(byte[] eventBytes) throws IOException {
        int header = Framing.eventHeader(checkLength(eventBytes.length));
        OvertakenData[] overtaken = new OvertakenData[subpartitions.length];
        for (int i = 0; i < subpartitions.length; i++) {
            overtaken[i] = subpartitions[i].addPriorityEvent(header, eventBytes);
        }
        return overtaken;
    }

    /** Before anything is emitted: what an unaligned checkpoint found queued in a subpartition. */
    public void restoreSubpartition(int subpartition, OvertakenData data) throws IOException, InterruptedException {
        subpartition(subpartition).restore(data);
    }

    /** Makes everything emitted so far visible to consumers. */
    public void flushAll() {
        for (ResultSubpartition target : subpartitions) {
            target.flush();
        }
    }

    /** Flushes and sends end-of-partition on every subpartition; no emit may follow. */
    public void finish() throws IOException, InterruptedException {
        cancelPeriodicFlush();
        for (ResultSubpartition target : subpartitions) {
            target.finish();
        }
    }

    /**
     * Frees the partition's buffers and unregisters it. With a cause, consumers that have not seen
     * the end of the partition fail with an IOException carrying it; a writer blocked on buffers
     * wakes with an IOException. Idempotent; callable from any thread.
     */
    public void release(Throwable causeOrNull) {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        cancelPeriodicFlush();
        Throwable cause = causeOrNull != null ? causeOrNull
                : new IOException("Result partition " + id + " was released");
        bufferPool.destroy(cause);
        for (ResultSubpartition subpartition : subpartitions) {
            subpartition.release(cause);
        }
        onRelease.accept(this);
    }

    ResultSubpartition subpartition(int index) throws IOException {
        if (index >= subpartitions.length) {
            throw new IOException("Result partition " + id + " has " + subpartitions.length
                    + " subpartitions; subpartition " + index + " does not exist");
        }
        return subpartitions[index];
    }

    /** A pipelined partition lets go of its memory once every consumer has read it to the end. */
    void onSubpartitionConsumed() {
        if (unconsumedSubpartitions.decrementAndGet() == 0) {
            release(null);
        }
    }

    private void cancelPeriodicFlush() {
        ScheduledFuture<?> future = periodicFlush;
        if (future != null) {
            future.cancel(false);
        }
    }

    private static int checkLength(int length) {
        if (length < 0 || length > Framing.MAX_PAYLOAD) {
            throw new IllegalArgumentException("Record or event length " + length + " is out of range");
        }
        return length;
    }
}
