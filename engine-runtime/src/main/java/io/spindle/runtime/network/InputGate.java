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
        private boolean priority;

        void set(Kind kind, int channelIndex, byte[] array, int offset, int length) {
            this.priority = false;
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

        /**
         * An event that overtook the channel's queued bytes (an unaligned checkpoint's barrier);
         * {@link #takeOvertaken()} gives them right after.
         */
        public boolean priority() {
            return priority;
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
    /**
     * Set once any channel announced a priority event: only then does the gate look for one
     * between two records of a slice, so jobs without unaligned checkpoints never pay for it.
     */
    private volatile boolean priorityEventsSeen;
    private volatile boolean closed;

    // Task thread only.
    private InputChannel active;
    private int finishedChannels;
    private boolean[] blocked;
    /** Blocked channels that were found available; they are queued again when unblocked. */
    private final List<InputChannel> parked = new ArrayList<>();
    private byte[] lastOvertaken = new byte[0];

    InputGate(String ownerTaskName, LocalBufferPool bufferPool, Consumer<InputGate> onClose) {
        this.ownerTaskName = ownerTaskName;
        this.bufferPool = bufferPool;
        this.onClose = onClose;
    }

    /** Channels need the gate to exist, so they are attached right after construction. */
    void start(InputChannel[] inputChannels, java.util.Map<Integer, byte[]> restoredChannels) {
        restoredChannels.forEach((index, frames) -> inputChannels[index].setRestored(frames));
        start(inputChannels);
        for (Integer index : restoredChannels.keySet()) {
            notifyChannelAvailable(inputChannels[index]);
        }
    }

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
            if (channel != null && priorityEventsSeen && channel.hasPriorityEvent()) {
                // Ahead of the rest of the slice, which it overtakes and which is read after it.
                Next priority = pollPriority(channel);
                if (priority != null) {
                    return priority;
                }
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
                slice = channel.takeRestored();
                if (slice == null) {
                    slice = channel.pollSlice();
                }
            } catch (IOException e) {
                throw new IOException("Input of task " + ownerTaskName + " failed on " + channel.describe() + ": "
                        + e.getMessage(), e);
            }
            if (slice != null && slice.priority()) {
                notifyChannelAvailable(channel);
                return priorityEvent(channel, slice);
            }
            if (slice != null) {
                channel.startSlice(slice);
                active = channel;
            }
        }
    }

    /**
     * Task thread, right after {@link #pollNext()} returned a priority event: the bytes of its
     * channel that it overtook (taken from the producer, not delivered yet), which the channel
     * still delivers after it. An unaligned checkpoint keeps them as the channel's in-flight data.
     */
    public byte[] takeOvertaken() {
        byte[] overtaken = lastOvertaken;
        lastOvertaken = new byte[0];
        return overtaken;
    }

    /** The active channel's priority event, polled ahead of its current slice; null if it is gone. */
    private Next pollPriority(InputChannel channel) throws IOException {
        BufferSlice slice;
        try {
            slice = channel.pollSlice();
        } catch (IOException e) {
            throw new IOException("Input of task " + ownerTaskName + " failed on " + channel.describe() + ": "
                    + e.getMessage(), e);
        }
        if (slice == null) {
            return null;
        }
        if (!slice.priority()) {
            throw new IllegalStateException("A priority event was announced on " + channel.describe()
                    + " but a data buffer came");
        }
        return priorityEvent(channel, slice);
    }

    private Next priorityEvent(InputChannel channel, BufferSlice slice) {
        byte[] undelivered = channel.undeliveredBytes();
        byte[] received = channel.takeOvertaken();
        lastOvertaken = java.util.Arrays.copyOf(undelivered, undelivered.length + received.length);
        System.arraycopy(received, 0, lastOvertaken, undelivered.length, received.length);
        next.set(Kind.EVENT, channel.channelIndex, slice.buffer().segment, Framing.HEADER_BYTES,
                slice.end() - Framing.HEADER_BYTES);
        next.priority = true;
        return next;
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

    /** Any thread: a channel got a priority event, which it hands out next. */
    void notifyPriorityEvent(InputChannel channel) {
        priorityEventsSeen = true;
        notifyChannelAvailable(channel);
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
