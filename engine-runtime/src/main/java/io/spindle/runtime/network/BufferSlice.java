package io.spindle.runtime.network;

/**
 * A readable byte range of a network buffer handed from a subpartition or remote channel to a
 * reader. When {@code recycleAfterUse} is set the reader owns the buffer and recycles it when
 * done; otherwise the producer still writes behind {@code end} and keeps ownership.
 *
 * @param backlog sealed buffers still queued behind this one at the producer (remote channels
 *     use it to ask for floating buffers)
 * @param priority one framed event that overtook the bytes queued before it (an unaligned
 *     checkpoint's barrier); it is handed out ahead of them and needs no credit
 */
record BufferSlice(NetworkBuffer buffer, int start, int end, boolean recycleAfterUse, int backlog, boolean priority) {

    BufferSlice(NetworkBuffer buffer, int start, int end, boolean recycleAfterUse, int backlog) {
        this(buffer, start, end, recycleAfterUse, backlog, false);
    }

    /** A slice of bytes on the heap, outside any pool: a priority event or restored channel state. */
    static BufferSlice onHeap(byte[] bytes, boolean priority) {
        NetworkBuffer buffer = new NetworkBuffer(bytes, null);
        buffer.visibleEnd = bytes.length;
        return new BufferSlice(buffer, 0, bytes.length, false, 0, priority);
    }

    void release() {
        if (recycleAfterUse) {
            buffer.recycle();
        }
    }
}
