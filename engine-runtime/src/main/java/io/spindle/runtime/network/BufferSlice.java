package io.spindle.runtime.network;

/**
 * A readable byte range of a network buffer handed from a subpartition or remote channel to a
 * reader. When {@code recycleAfterUse} is set the reader owns the buffer and recycles it when
 * done; otherwise the producer still writes behind {@code end} and keeps ownership.
 *
 * @param backlog sealed buffers still queued behind this one at the producer (remote channels
 *     use it to ask for floating buffers)
 */
record BufferSlice(NetworkBuffer buffer, int start, int end, boolean recycleAfterUse, int backlog) {

    void release() {
        if (recycleAfterUse) {
            buffer.recycle();
        }
    }
}
