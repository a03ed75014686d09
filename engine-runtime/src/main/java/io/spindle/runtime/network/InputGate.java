package io.spindle.runtime.network;

import io.spindle.runtime.tasks.barrier.ChannelBlocking;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The input of one consuming task: one channel per producing subpartition it reads, local or
 * remote. Channels with data wait in a queue; the gate reads one buffer of a channel, then moves
 * on to the next channel (round robin per buffer).
 *
 * <p>Threading: {@link #pollNext()}, {@link #isFinished()} and {@link #close()} are called by the
 * consuming task's thread only. The availability listener is invoked from network or producer
 * threads and must only wake the task (e.g. enqueue a mailbox action).
 */
public final class InputGate implements AutoCloseable, ChannelBlocking {

    /** What {@link #pollNext()} found. */
    public enum Kind {
        RECORD,
        EVENT,
        /** The channel named by {@link Next#channelIndex()} has ended; it carries no bytes. */
        END_OF_PARTITION
    }

    /**
     * The element returned by {@link #pollNext()}: one instance per gate, overwritten by the next
     * poll. Bytes stay valid until then; they may live in a network buffer or, for a record
     * spanning buffers, in a scratch array of the channel.
     */
    public static final class Next {
        private Kind kind;
        private int channelIndex;
        private byte[] array;
        private int offset;
        private int length;

        void set(Kind kind, int channelIndex, byte[] array, int offset, int length) {
            this.kind = kind;
            this.channelIndex = channelIndex;
            this.array = array;
            this.offset = offset;
            this.length = length;
        }

        public Kind kind() {
            return kind;
        }

        public int channelIndex() {
            return channelIndex;
        }

        public byte[] array() {
            return array;
        }

        public int offset() {
            return offset;
        }

        public int length() {
            return length;
        }
    }

    private final String ownerTaskName;
    private final LocalBufferPool bufferPool;
    private final Consumer<InputGate> onClose;
    private InputChannel[] channels;
    private final Next next = new Next();

    // Guarded by availableChannels.
    private final ArrayDeque<InputChannel> availableChannels = new ArrayDeque<>();
    private boolean[] queued;
    private boolean consumerWaiting = true;

    private volatile Runnable availabilityListener = () -> {};
    private volatile boolean closed;

    // Task thread only.
    private InputChannel active;
    private int finishedChannels;
    private boolean[] blocked;
    /** Blocked channels that were found available; they are queued again when unblocked. */
    private final List<InputChannel> parked = new ArrayList<>();

    InputGate(String ownerTaskName, LocalBufferPool bufferPool, Consumer<InputGate> onClose) {
        this.ownerTaskName = ownerTaskName;
        this.bufferPool = bufferPool;
        this.onClose = onClose;
    }

    /** Channels need the gate to exist, so they are attached right after construction. */
    void start(InputChannel[] inputChannels) {
        this.channels = inputChannels;
        this.blocked = new boolean[inputChannels.length];
        synchronized (availableChannels) {
            this.queued = new boolean[inputChannels.length];
        }
        for (InputChannel channel : inputChannels) {
            channel.requestPartition();
        }
    }

    public String getOwnerTaskName() {
        return ownerTaskName;
    }

    public int getNumberOfChannels() {
        return channels.length;
    }

    /** The buffers of this gate's remote channels (exclusive plus floating); zero capacity if all are local. */
    public LocalBufferPool getBufferPool() {
        return bufferPool;
    }

    /** Called, from any thread, whenever data becomes available after a poll returned null. */
    public void setAvailabilityListener(Runnable listener) {
        this.availabilityListener = listener;
    }

    /** True once every channel has delivered its end of partition. */
    public boolean isFinished() {
        return finishedChannels == channels.length;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Returns the next record, event or end-of-partition, or null if nothing is ready (the
     * availability listener will then be called). Throws if a producer failed, its connection was
     * lost or its partition never appeared; the message names the channel, partition and producer.
     */
    public Next pollNext() throws IOException {
        if (closed) {
            throw new IllegalStateException("Input gate of " + ownerTaskName + " is closed");
        }
        while (true) {
            InputChannel channel = active;
            if (channel != null && blocked[channel.channelIndex]) {
                // The last frame was a barrier that blocked this channel: the rest of its slice waits.
                active = null;
                parked.add(channel);
                channel = null;
            }
            if (channel != null) {
                if (channel.nextFrame(next)) {
                    if (next.kind() == Kind.END_OF_PARTITION) {
                        active = null;
                        finishedChannels++;
                        channel.releaseSlice();
                        channel.onEndOfPartition();
                    }
                    return next;
                }
                active = null;
                channel.releaseSlice();
                // It may well have more; if not, polling it registers it for a notification.
                notifyChannelAvailable(channel);
            }
            channel = nextAvailableChannel();
            if (channel == null) {
                return null;
            }
            if (blocked[channel.channelIndex]) {
                parked.add(channel);
                continue;
            }
            if (channel.hasSlice()) {
                // Unblocked in the middle of a slice: go on where the barrier stopped it.
                active = channel;
                continue;
            }
            BufferSlice slice;
            try {
                slice = channel.pollSlice();
            } catch (IOException e) {
                throw new IOException("Input of task " + ownerTaskName + " failed on " + channel.describe() + ": "
                        + e.getMessage(), e);
            }
            if (slice != null) {
                channel.startSlice(slice);
                active = channel;
            }
        }
    }

    private InputChannel nextAvailableChannel() {
        synchronized (availableChannels) {
            InputChannel channel;
            while ((channel = availableChannels.pollFirst()) != null) {
                queued[channel.channelIndex] = false;
                if (!channel.isFinished()) {
                    return channel;
                }
            }
            consumerWaiting = true;
            return null;
        }
    }

    /** Task thread: the channel is not read until {@link #unblockAllChannels}. */
    @Override
    public void blockChannel(int channelIndex) {
        blocked[channelIndex] = true;
    }

    /** Task thread: blocked channels are read again, each from where it stopped. */
    @Override
    public void unblockAllChannels() {
        java.util.Arrays.fill(blocked, false);
        for (InputChannel channel : parked) {
            notifyChannelAvailable(channel);
        }
        parked.clear();
    }

    /** Any thread: a channel has data or an error. Once per buffer at most. */
    void notifyChannelAvailable(InputChannel channel) {
        boolean wakeConsumer;
        synchronized (availableChannels) {
            if (queued == null || queued[channel.channelIndex]) {
                return;
            }
            queued[channel.channelIndex] = true;
            availableChannels.addLast(channel);
            wakeConsumer = consumerWaiting;
            consumerWaiting = false;
        }
        if (wakeConsumer) {
            availabilityListener.run();
        }
    }

    /** Returns this gate's buffers; call from the task thread after the last poll. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        active = null;
        for (InputChannel channel : channels) {
            channel.releaseSlice();
            channel.releaseResources();
        }
        bufferPool.destroy(new IOException("Input gate of " + ownerTaskName + " was closed"));
        onClose.accept(this);
    }
}
