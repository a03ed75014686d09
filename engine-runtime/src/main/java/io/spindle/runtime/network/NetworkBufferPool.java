package io.spindle.runtime.network;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The TaskManager's global supply of network memory segments. Result partitions and input
 * gates reserve a fixed number of buffers up front through their {@link LocalBufferPool}, so a
 * pool never waits on another pool and the total stays bounded by {@link #getTotalBuffers()}.
 * Segments are allocated lazily and reused. Thread-safe; called once per buffer, never per record.
 */
public final class NetworkBufferPool {

    private final int segmentSize;
    private final int totalBuffers;
    private final ArrayDeque<byte[]> freeSegments = new ArrayDeque<>();
    private int reservedBuffers;
    private int segmentsHandedOut;

    NetworkBufferPool(int segmentSize, int totalBuffers) {
        this.segmentSize = segmentSize;
        this.totalBuffers = totalBuffers;
    }

    synchronized void reserve(int count, String owner) throws IOException {
        if (reservedBuffers + count > totalBuffers) {
            throw new IOException("Insufficient network buffers for " + owner + ": it needs " + count
                    + " but only " + (totalBuffers - reservedBuffers) + " of " + totalBuffers
                    + " are free. Increase the total number of network buffers (NetworkOptions.totalBuffers)"
                    + " or lower the buffers per partition / channel.");
        }
        reservedBuffers += count;
    }

    synchronized void unreserve(int count) {
        reservedBuffers -= count;
    }

    synchronized byte[] takeSegment() {
        segmentsHandedOut++;
        byte[] segment = freeSegments.pollFirst();
        return segment != null ? segment : new byte[segmentSize];
    }

    synchronized void returnSegment(byte[] segment) {
        segmentsHandedOut--;
        freeSegments.addFirst(segment);
    }

    /**
     * Accounts for a segment that a released partition's writer may still touch: it is never
     * handed out again, so a late write cannot corrupt another partition's data.
     */
    synchronized void forgetSegment() {
        segmentsHandedOut--;
    }

    public int getSegmentSize() {
        return segmentSize;
    }

    public int getTotalBuffers() {
        return totalBuffers;
    }

    /** Buffers currently promised to partitions and gates. */
    public synchronized int getReservedBuffers() {
        return reservedBuffers;
    }

    /** Buffers that new partitions or gates may still reserve. */
    public synchronized int getAvailableBuffers() {
        return totalBuffers - reservedBuffers;
    }

    /** Segments held by local pools, writers, readers or in-flight transfers. */
    public synchronized int getSegmentsInUse() {
        return segmentsHandedOut;
    }
}
