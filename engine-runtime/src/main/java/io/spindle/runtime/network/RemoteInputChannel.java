package io.spindle.runtime.network;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Reads a subpartition from another TaskManager over a shared TCP connection with credit-based
 * flow control. Every credit is a buffer of the gate's pool reserved for this channel: the
 * exclusive ones from the start, floating ones borrowed while the producer reports a backlog.
 * The producer sends only against credit, so memory is bounded on both sides and a slow
 * consumer backpressures the producer.
 *
 * <p>Threads: network events arrive on the connection's event loop; polling and recycling run
 * on the consuming task's thread. State shared between them is guarded by this object, once per
 * buffer.
 */
final class RemoteInputChannel extends InputChannel {

    private final ConnectionManager connections;
    private final LocalBufferPool gatePool;
    private final FloatingCredits floating;
    private final PartitionRequestRetry retry;
    private final int receiverId;
    private volatile ClientConnection connection;

    // Guarded by this.
    private final ArrayDeque<NetworkBuffer> received = new ArrayDeque<>();
    // The gate learns of a channel only through a notification, so the first buffer must send one.
    private boolean pollerWaiting = true;
    private IOException failure;
    private int unusedCredit;
    private int floatingHeld;
    private int backlog;
    private int unannouncedCredit;
    private boolean announceScheduled;
    private boolean released;
    private boolean endOfPartitionSeen;
    /** Priority events not polled yet, each with the number of received buffers it overtook. */
    private final ArrayDeque<PendingPriority> priorityEvents = new ArrayDeque<>();
    /** Task thread: what the last polled priority event overtook here. */
    private byte[] lastOvertaken = new byte[0];

    private record PendingPriority(byte[] framedEvent, int buffersBefore) {}

    private volatile boolean priorityPending;

    RemoteInputChannel(int channelIndex, InputChannelSpec spec, InputGate gate, ConnectionManager connections,
            LocalBufferPool gatePool, FloatingCredits floating, NetworkOptions options) {
        super(channelIndex, spec, gate);
        this.connections = connections;
        this.gatePool = gatePool;
        this.floating = floating;
        this.retry = new PartitionRequestRetry(options);
        this.receiverId = connections.nextReceiverId();
        this.unusedCredit = options.exclusiveBuffersPerChannel();
    }

    int receiverId() {
        return receiverId;
    }

    @Override
    void requestPartition() {
        connections.connect(spec.producerDataAddress()).whenComplete((conn, error) -> {
            if (error != null) {
                onError(new IOException("Could not connect to the producer's data server at "
                        + spec.producerDataAddress() + ": " + error.getMessage(), error));
                return;
            }
            connection = conn;
            conn.register(this);
            sendPartitionRequest();
        });
    }

    private void sendPartitionRequest() {
        int credit;
        synchronized (this) {
            if (released) {
                return;
            }
            credit = unusedCredit;
        }
        connection.sendPartitionRequest(receiverId, spec.partition(), spec.subpartitionIndex(), credit);
    }

    /** Event loop: the producer does not know the partition (yet). */
    void onPartitionNotFound() {
        long backoff = retry.nextBackoffMillis();
        if (backoff < 0) {
            onError(new IOException(retry.notFoundMessage(spec)));
        } else {
            connection.eventLoop().schedule(this::sendPartitionRequest, backoff, TimeUnit.MILLISECONDS);
        }
    }

    /** Event loop: copies one received buffer into a credited buffer of the gate's pool. */
    void onBuffer(ByteBuf data, int producerBacklog) {
        boolean notify;
        int wanted;
        synchronized (this) {
            if (released || failure != null) {
                return;
            }
            NetworkBuffer target = unusedCredit > 0 ? gatePool.tryRequest() : null;
            if (target == null) {
                failLocked(new IOException("The producer sent a buffer without credit; the data connection to "
                        + spec.producerDataAddress() + " is out of sync"));
                notify = true;
                wanted = 0;
            } else {
                unusedCredit--;
                int length = data.readableBytes();
                data.readBytes(target.segment, 0, length);
                target.visibleEnd = length;
                received.addLast(target);
                backlog = producerBacklog;
                wanted = backlog - unusedCredit;
                notify = pollerWaiting;
                pollerWaiting = false;
            }
        }
        if (notify) {
            gate.notifyChannelAvailable(this);
        }
        if (wanted > 0) {
            borrowFloating(wanted);
        }
    }

    /**
     * Event loop: an event that overtook the producer's queue; it overtakes the buffers received
     * before it too (TCP keeps the order, so those are all that went before it).
     */
    void onPriorityEvent(ByteBuf data) {
        synchronized (this) {
            if (released || failure != null) {
                return;
            }
            byte[] event = new byte[data.readableBytes()];
            data.readBytes(event);
            priorityEvents.addLast(new PendingPriority(event, received.size()));
            priorityPending = true;
            pollerWaiting = false;
        }
        gate.notifyPriorityEvent(this);
    }

    void onFloatingAvailable() {
        int wanted;
        synchronized (this) {
            wanted = released ? 0 : backlog - unusedCredit;
        }
        if (wanted > 0) {
            borrowFloating(wanted);
        }
    }

    private void borrowFloating(int wanted) {
        int granted = floating.take(wanted, this);
        if (granted > 0) {
            synchronized (this) {
                floatingHeld += granted;
                unusedCredit += granted;
            }
            announceCredit(granted);
        }
    }

    @Override
    BufferSlice pollSlice() throws IOException {
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            PendingPriority priority = priorityEvents.pollFirst();
            priorityPending = !priorityEvents.isEmpty();
            if (priority != null) {
                // Nothing was polled since it arrived: the buffers it overtook are the first ones.
                java.io.ByteArrayOutputStream overtaken = new java.io.ByteArrayOutputStream();
                java.util.Iterator<NetworkBuffer> buffers = received.iterator();
                for (int i = 0; i < priority.buffersBefore(); i++) {
                    NetworkBuffer buffer = buffers.next();
                    overtaken.write(buffer.segment, 0, buffer.visibleEnd);
                }
                lastOvertaken = overtaken.toByteArray();
                return BufferSlice.onHeap(priority.framedEvent(), true);
            }
            NetworkBuffer next = received.pollFirst();
            if (next == null) {
                pollerWaiting = true;
                return null;
            }
            return new BufferSlice(next, 0, next.visibleEnd, true, 0);
        }
    }

    @Override
    boolean hasPriorityEvent() {
        return priorityPending;
    }

    @Override
    byte[] takeOvertaken() {
        byte[] overtaken = lastOvertaken;
        lastOvertaken = new byte[0];
        return overtaken;
    }

    /** Task thread: the buffer is free again, so either return a floating one or renew credit. */
    @Override
    void recycle(BufferSlice consumed) {
        consumed.release();
        boolean returnFloating = false;
        synchronized (this) {
            if (released) {
                return;
            }
            if (floatingHeld > 0 && backlog <= unusedCredit) {
                floatingHeld--;
                returnFloating = true;
            } else {
                unusedCredit++;
            }
        }
        if (returnFloating) {
            floating.giveBack(1);
        } else {
            announceCredit(1);
        }
    }

    /** Credits are batched: one pending announcement task per channel at a time. */
    private void announceCredit(int credit) {
        synchronized (this) {
            unannouncedCredit += credit;
            if (announceScheduled) {
                return;
            }
            announceScheduled = true;
        }
        connection.eventLoop().execute(this::sendCredit);
    }

    private void sendCredit() {
        int credit;
        synchronized (this) {
            credit = unannouncedCredit;
            unannouncedCredit = 0;
            announceScheduled = false;
            if (released) {
                return;
            }
        }
        connection.sendAddCredit(receiverId, credit);
    }

    /** Any thread: the producer failed, the connection broke, or the partition never appeared. */
    void onError(IOException error) {
        synchronized (this) {
            if (released || endOfPartitionSeen) {
                return;
            }
            failLocked(error);
        }
        gate.notifyChannelAvailable(this);
    }

    private void failLocked(IOException error) {
        if (failure == null) {
            failure = error;
        }
        pollerWaiting = false;
    }

    @Override
    void onEndOfPartition() {
        synchronized (this) {
            endOfPartitionSeen = true;
        }
        connection.unregister(receiverId);
    }

    @Override
    void releaseResources() {
        boolean cancel;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            for (NetworkBuffer buffer : received) {
                buffer.recycle();
            }
            received.clear();
            cancel = !endOfPartitionSeen && connection != null;
        }
        if (cancel) {
            connection.unregister(receiverId);
            connection.sendCancel(receiverId);
        }
    }
}
