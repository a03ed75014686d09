package io.spindle.runtime.network;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled memory segment plus the positions the data plane tracks on it. Which lock guards
 * which field depends on the side: see the field comments.
 */
final class NetworkBuffer {

    private static final VarHandle COMMITTED;

    static {
        try {
            COMMITTED = MethodHandles.lookup().findVarHandle(NetworkBuffer.class, "committed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final byte[] segment;
    private final LocalBufferPool owner;

    /** Producer: end of the last complete record; published by the writer with release semantics. */
    @SuppressWarnings("unused")
    private int committed;
    /** Producer, under the subpartition lock: bytes a reader may see. Consumer: bytes received. */
    int visibleEnd;
    /** Producer, under the subpartition lock: bytes already handed to the reader. */
    int readPos;
    /** Producer, under the subpartition lock: the writer has moved on to another buffer. */
    boolean sealed;
    /** Producer, writer thread: leading bytes that continue a record begun in the previous buffer. */
    int continuation;

    NetworkBuffer(byte[] segment, LocalBufferPool owner) {
        this.segment = segment;
        this.owner = owner;
    }

    void reset() {
        COMMITTED.setRelease(this, 0);
        visibleEnd = 0;
        readPos = 0;
        sealed = false;
        continuation = 0;
    }

    /** A plain store on x86; lets the flusher thread read complete records without a lock. */
    void commit(int position) {
        COMMITTED.setRelease(this, position);
    }

    int committed() {
        return (int) COMMITTED.getAcquire(this);
    }

    /** A buffer outside any pool (a priority event, restored in-flight data): it frees no credit when used up. */
    boolean isOnHeap() {
        return owner == null;
    }

    void recycle() {
        owner.recycle(this);
    }

    /** For a buffer the writer may still hold after a release: never reuse its segment. */
    void discard() {
        owner.discard(this);
    }
}
