package io.spindle.runtime.network;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * A fixed share of the {@link NetworkBufferPool} owned by one result partition or input gate.
 * The share is reserved at creation, so {@link #getBuffersInUse()} can never exceed
 * {@link #getCapacity()}. A producer that finds the share exhausted blocks in
 * {@link #requestBlocking()}: that is backpressure. Thread-safe, one lock operation per buffer.
 */
public final class LocalBufferPool {

    private final NetworkBufferPool global;
    private final String ownerName;
    private final int capacity;
    private final ArrayDeque<NetworkBuffer> free = new ArrayDeque<>();
    private int inUse;
    private int maxInUse;
    private boolean destroyed;
    private Throwable destroyCause;

    LocalBufferPool(NetworkBufferPool global, int capacity, String ownerName) throws IOException {
        global.reserve(capacity, ownerName);
        this.global = global;
        this.capacity = capacity;
        this.ownerName = ownerName;
    }

    /** Waits until a buffer is free; throws once the pool was destroyed (the owner was released). */
    synchronized NetworkBuffer requestBlocking() throws IOException, InterruptedException {
        while (!destroyed && inUse == capacity) {
            wait();
        }
        if (destroyed) {
            throw new IOException("Network buffers of " + ownerName + " were released", destroyCause);
        }
        return take();
    }

    /** Returns null when the pool is exhausted or destroyed. */
    synchronized NetworkBuffer tryRequest() {
        return destroyed || inUse == capacity ? null : take();
    }

    private NetworkBuffer take() {
        NetworkBuffer buffer = free.pollFirst();
        if (buffer == null) {
            buffer = new NetworkBuffer(global.takeSegment(), this);
        }
        buffer.reset();
        inUse++;
        if (inUse > maxInUse) {
            maxInUse = inUse;
        }
        return buffer;
    }

    synchronized void recycle(NetworkBuffer buffer) {
        inUse--;
        if (destroyed) {
            global.returnSegment(buffer.segment);
            global.unreserve(1);
        } else {
            free.addFirst(buffer);
            notifyAll();
        }
    }

    synchronized void discard(NetworkBuffer buffer) {
        inUse--;
        global.forgetSegment();
        if (destroyed) {
            global.unreserve(1);
        }
    }

    /**
     * Returns free segments and the unused part of the reservation to the global pool and wakes
     * blocked requesters with an exception; buffers still in use follow when they are recycled.
     */
    synchronized void destroy(Throwable cause) {
        if (destroyed) {
            return;
        }
        destroyed = true;
        destroyCause = cause;
        for (NetworkBuffer buffer : free) {
            global.returnSegment(buffer.segment);
        }
        free.clear();
        global.unreserve(capacity - inUse);
        notifyAll();
    }

    public int getCapacity() {
        return capacity;
    }

    /** Buffers requested and not yet recycled. */
    public synchronized int getBuffersInUse() {
        return inUse;
    }

    /** The highest {@link #getBuffersInUse()} ever observed: proof that memory stayed bounded. */
    public synchronized int getMaxBuffersInUse() {
        return maxInUse;
    }

    public synchronized boolean isDestroyed() {
        return destroyed;
    }
}
