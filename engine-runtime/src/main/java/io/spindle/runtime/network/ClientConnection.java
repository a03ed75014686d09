package io.spindle.runtime.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumer end of one TCP connection to another TaskManager's data server, shared by all
 * remote input channels reading from it. Dispatches incoming buffers and errors to channels by
 * receiver id; a lost connection fails every channel still reading through it.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private final InetSocketAddress producerAddress;
    private final Runnable onClosed;
    private final ConcurrentHashMap<Integer, RemoteInputChannel> receivers = new ConcurrentHashMap<>();
    private volatile Channel channel;

    ClientConnection(InetSocketAddress producerAddress, Runnable onClosed) {
        this.producerAddress = producerAddress;
        this.onClosed = onClosed;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    void register(RemoteInputChannel receiver) {
        receivers.put(receiver.receiverId(), receiver);
        if (!channel.isActive()) {
            receiver.onError(connectionLost(null));
        }
    }

    void unregister(int receiverId) {
        receivers.remove(receiverId);
    }

    void sendPartitionRequest(int receiverId, ResultPartitionId partition, int subpartition, int credit) {
        channel.writeAndFlush(DataProtocol.partitionRequest(channel.alloc(), receiverId, partition, subpartition, credit));
    }

    void sendAddCredit(int receiverId, int credit) {
        channel.writeAndFlush(DataProtocol.addCredit(channel.alloc(), receiverId, credit));
    }

    void sendCancel(int receiverId) {
        channel.writeAndFlush(DataProtocol.cancel(channel.alloc(), receiverId));
    }

    void close() {
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    /** Runs at channel registration, before the connect future completes and channels use it. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            byte type = frame.readByte();
            int receiverId = frame.readInt();
            RemoteInputChannel receiver = receivers.get(receiverId);
            if (type == DataProtocol.BUFFER) {
                int backlog = frame.readInt();
                if (receiver != null) {
                    receiver.onBuffer(frame, backlog);
                }
            } else if (type == DataProtocol.PRIORITY_EVENT) {
                if (receiver != null) {
                    receiver.onPriorityEvent(frame);
                }
            } else if (type == DataProtocol.ERROR) {
                boolean partitionNotFound = frame.readBoolean();
                String message = DataProtocol.readString(frame);
                if (receiver != null) {
                    if (partitionNotFound) {
                        receiver.onPartitionNotFound();
                    } else {
                        receiver.onError(new IOException("The producer at " + producerAddress + " failed: " + message));
                    }
                }
            } else {
                throw new IllegalStateException("Unknown data-plane message type " + type + " from " + producerAddress);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        onClosed.run();
        failAll(connectionLost(null));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAll(connectionLost(cause));
        ctx.close();
    }

    private IOException connectionLost(Throwable cause) {
        return new IOException("The data connection to the producer at " + producerAddress + " was lost"
                + (cause != null ? ": " + cause : ""), cause);
    }

    private void failAll(IOException error) {
        List<RemoteInputChannel> affected = new ArrayList<>(receivers.values());
        receivers.clear();
        for (RemoteInputChannel receiver : affected) {
            receiver.onError(error);
        }
    }
}
