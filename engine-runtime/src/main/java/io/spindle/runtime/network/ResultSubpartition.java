package io.spindle.runtime.network;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One pipelined output channel of a result partition, written by the producing task's thread
 * and read by exactly one reader (a local input channel or the data server).
 *
 * <p>The writer fills its current buffer without locking and publishes each complete record
 * with a release store ({@link NetworkBuffer#commit}). Under this object's lock, taken once per
 * buffer or flush, the writer seals full buffers and a flush makes committed bytes visible; the
 * reader takes visible bytes as {@link BufferSlice}s. The current buffer stays shared: a reader
 * may read its flushed prefix while the writer keeps appending, so low flush timeouts do not
 * waste buffers.
 */
final class ResultSubpartition {

    private static final byte[] EMPTY = new byte[0];

    private final ResultPartition parent;
    private final int index;
    private final LocalBufferPool pool;

    // Writer thread only.
    private NetworkBuffer writing;
    private int writePos;

    // Guarded by this.
    private final ArrayDeque<NetworkBuffer> queue = new ArrayDeque<>();
    private int sealedInQueue;
    private SubpartitionListener listener;
    private boolean readerWaiting;
    private boolean endOfPartitionWritten;
    private boolean consumed;
    private boolean released;
    private Throwable releaseCause;
    /** Framed events that go ahead of the queued bytes (unaligned checkpoint barriers). */
    private final ArrayDeque<byte[]> priorityEvents = new ArrayDeque<>();
    /** Whether {@link #priorityEvents} has one; read by the consumer between two records, without the lock. */
    private volatile boolean priorityPending;

    ResultSubpartition(ResultPartition parent, int index, LocalBufferPool pool) {
        this.parent = parent;
        this.index = index;
        this.pool = pool;
    }

    // ---------------------------------------------------------------- writer side

    /** Appends one framed payload; the header never straddles buffers, the payload may. */
    void write(int header, byte[] source, int offset, int length) throws IOException, InterruptedException {
        NetworkBuffer buffer = writing;
        int pos = writePos;
        if (buffer == null || buffer.segment.length - pos < Framing.HEADER_BYTES) {
            buffer = rollOver();
            pos = 0;
        }
        Framing.putInt(buffer.segment, pos, header);
        pos += Framing.HEADER_BYTES;
        while (true) {
            int chunk = Math.min(length, buffer.segment.length - pos);
            System.arraycopy(source, offset, buffer.segment, pos, chunk);
            pos += chunk;
            length -= chunk;
            if (length == 0) {
                break;
            }
            offset += chunk;
            writePos = pos;
            buffer = rollOver();
            buffer.continuation = Math.min(length, buffer.segment.length);
            pos = 0;
        }
        writePos = pos;
        buffer.commit(pos);
    }

    /** Seals the full current buffer (readers may take all of it) and waits for a fresh one. */
    private NetworkBuffer rollOver() throws IOException, InterruptedException {
        NetworkBuffer full = writing;
        if (full != null) {
            full.commit(writePos);
            boolean notify;
            synchronized (this) {
                checkNotReleased();
                full.visibleEnd = writePos;
                full.sealed = true;
                sealedInQueue++;
                writing = null;
                notify = takeWaitingReader(full);
            }
            notifyListener(notify);
        }
        NetworkBuffer fresh = pool.requestBlocking();
        synchronized (this) {
            if (released) {
                fresh.recycle();
                checkNotReleased();
            }
            queue.addLast(fresh);
            writing = fresh;
        }
        writePos = 0;
        return fresh;
    }

    /** Makes every committed byte visible to the reader. Callable from the flusher thread too. */
    void flush() {
        boolean notify;
        synchronized (this) {
            NetworkBuffer current = writing;
            if (current == null || released) {
                return;
            }
            int committed = current.committed();
            if (committed <= current.visibleEnd) {
                return;
            }
            current.visibleEnd = committed;
            notify = takeWaitingReader(current);
        }
        notifyListener(notify);
    }

    /** Writes the end-of-partition mark and seals the last buffer. */
    void finish() throws IOException, InterruptedException {
        write(Framing.END_OF_PARTITION, EMPTY, 0, 0);
        NetworkBuffer last = writing;
        boolean notify;
        synchronized (this) {
            checkNotReleased();
            last.visibleEnd = writePos;
            last.sealed = true;
            sealedInQueue++;
            writing = null;
            endOfPartitionWritten = true;
            notify = takeWaitingReader(last);
        }
        notifyListener(notify);
    }

    /**
     * Writer thread, between two records: puts the framed event ahead of every byte the reader has
     * not taken yet, and returns those bytes, which the event overtook (they are still delivered
     * after it). They may begin with the rest of a record whose start the reader already took.
     */
    OvertakenData addPriorityEvent(int header, byte[] event) throws IOException {
        byte[] framed = new byte[Framing.HEADER_BYTES + event.length];
        Framing.putInt(framed, 0, header);
        System.arraycopy(event, 0, framed, Framing.HEADER_BYTES, event.length);
        java.io.ByteArrayOutputStream overtaken = new java.io.ByteArrayOutputStream();
        int continuation = -1;
        SubpartitionListener notify;
        synchronized (this) {
            checkNotReleased();
            for (NetworkBuffer buffer : queue) {
                int end = buffer == writing ? writePos : buffer.visibleEnd;
                if (end > buffer.readPos) {
                    if (continuation < 0) {
                        continuation = buffer.readPos == 0 ? Math.min(buffer.continuation, end) : 0;
                    }
                    overtaken.write(buffer.segment, buffer.readPos, end - buffer.readPos);
                }
            }
            priorityEvents.addLast(framed);
            priorityPending = true;
            readerWaiting = false;
            notify = listener;
        }
        if (notify != null) {
            // Always: a sender without credit does not wait for data, yet the event needs none.
            notify.notifyDataAvailable();
        }
        return new OvertakenData(overtaken.toByteArray(), Math.max(0, continuation));
    }

    /**
     * Writer thread, before anything else is written: the bytes a checkpoint found queued here,
     * restored ahead of new output; the first {@code continuation} of them end a record whose
     * start the consumer restores itself.
     */
    void restore(OvertakenData data) throws IOException, InterruptedException {
        byte[] bytes = data.bytes();
        int pos = 0;
        if (data.continuation() > 0) {
            NetworkBuffer buffer = rollOver();
            int remaining = data.continuation();
            buffer.continuation = Math.min(remaining, buffer.segment.length);
            int written = 0;
            while (true) {
                int chunk = Math.min(remaining - written, buffer.segment.length - writePos);
                System.arraycopy(bytes, written, buffer.segment, writePos, chunk);
                writePos += chunk;
                written += chunk;
                if (written == remaining) {
                    buffer.commit(writePos);
                    break;
                }
                buffer = rollOver();
                buffer.continuation = Math.min(remaining - written, buffer.segment.length);
            }
            pos = remaining;
        }
        while (pos < bytes.length) {
            int header = Framing.getInt(bytes, pos);
            pos += Framing.HEADER_BYTES;
            int length = header >= 0 ? header : Framing.eventLength(header);
            write(header, bytes, pos, length);
            pos += length;
        }
        flush();
    }

    private boolean takeWaitingReader(NetworkBuffer changed) {
        if (readerWaiting && changed.visibleEnd > changed.readPos) {
            readerWaiting = false;
            return true;
        }
        return false;
    }

    private void notifyListener(boolean notify) {
        if (notify) {
            listener.notifyDataAvailable();
        }
    }

    private void checkNotReleased() throws IOException {
        if (released) {
            throw new IOException("Result partition " + parent.getId() + " was released", releaseCause);
        }
    }

    // ---------------------------------------------------------------- reader side

    /** Registers the single reader; fails if another reader already consumes this subpartition. */
    synchronized void attachReader(SubpartitionListener readerListener) throws IOException {
        checkNotReleased();
        if (listener != null) {
            throw new IOException("Subpartition " + index + " of result partition " + parent.getId()
                    + " is already being consumed; a pipelined subpartition can be read only once");
        }
        listener = readerListener;
    }

    /**
     * Returns the next visible bytes, or null after registering for a notification. Throws if the
     * partition was released before the reader saw the end of the partition.
     */
    BufferSlice poll() throws IOException {
        return poll(true);
    }

    /**
     * As {@link #poll()}; without {@code dataAllowed} (a sender out of credit) only a priority
     * event is returned, and no notification is arranged.
     */
    BufferSlice poll(boolean dataAllowed) throws IOException {
        boolean allConsumed = false;
        BufferSlice slice = null;
        synchronized (this) {
            if (released && !consumed) {
                throw new IOException("Result partition " + parent.getId() + " (subpartition " + index
                        + ") was released by its producer before it was fully consumed. Cause: " + releaseCause,
                        releaseCause);
            }
            byte[] priority = priorityEvents.pollFirst();
            priorityPending = !priorityEvents.isEmpty();
            if (priority != null) {
                return BufferSlice.onHeap(priority, true);
            }
            if (!dataAllowed) {
                return null;
            }
            NetworkBuffer head;
            while ((head = queue.peekFirst()) != null) {
                if (head.readPos < head.visibleEnd) {
                    int start = head.readPos;
                    head.readPos = head.visibleEnd;
                    if (head.sealed) {
                        queue.pollFirst();
                        sealedInQueue--;
                    }
                    slice = new BufferSlice(head, start, head.visibleEnd, head.sealed, sealedInQueue);
                    break;
                }
                if (!head.sealed) {
                    break;
                }
                queue.pollFirst();
                sealedInQueue--;
                head.recycle();
            }
            if (endOfPartitionWritten && queue.isEmpty() && !consumed) {
                // The reader now owns every remaining byte, so the partition may let go of its pool.
                consumed = true;
                allConsumed = true;
            } else if (slice == null) {
                readerWaiting = true;
            }
        }
        if (allConsumed) {
            parent.onSubpartitionConsumed();
        }
        return slice;
    }

    boolean hasPriorityEvent() {
        return priorityPending;
    }

    /** True once the reader has taken every byte including the end-of-partition mark. */
    synchronized boolean isConsumed() {
        return consumed;
    }

    /**
     * Recycles queued buffers and makes the reader fail. The buffer the writer may still be
     * filling is discarded rather than reused, since the writer thread can touch it concurrently.
     */
    void release(Throwable cause) {
        boolean notify;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            releaseCause = cause;
            for (NetworkBuffer buffer : queue) {
                if (buffer == writing) {
                    buffer.discard();
                } else {
                    buffer.recycle();
                }
            }
            queue.clear();
            writing = null;
            notify = listener != null && !consumed;
            readerWaiting = false;
        }
        notifyListener(notify);
    }
}
