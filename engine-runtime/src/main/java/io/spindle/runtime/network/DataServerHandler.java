package io.spindle.runtime.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Producer end of one consumer TaskManager's connection: answers partition requests, credit and
 * cancellations. One instance per connection; all methods run on its event loop.
 */
final class DataServerHandler extends ChannelInboundHandlerAdapter {

    private final ResultPartitionManager partitions;
    private final Map<Integer, SubpartitionSender> senders = new HashMap<>();

    DataServerHandler(ResultPartitionManager partitions) {
        this.partitions = partitions;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            byte type = frame.readByte();
            int receiverId = frame.readInt();
            switch (type) {
                case DataProtocol.PARTITION_REQUEST -> {
                    int subpartition = frame.readInt();
                    int initialCredit = frame.readInt();
                    onPartitionRequest(ctx, receiverId, DataProtocol.readPartitionId(frame), subpartition, initialCredit);
                }
                case DataProtocol.ADD_CREDIT -> {
                    SubpartitionSender sender = senders.get(receiverId);
                    if (sender != null) {
                        sender.addCredit(frame.readInt());
                    }
                }
                case DataProtocol.CANCEL -> {
                    SubpartitionSender sender = senders.remove(receiverId);
                    if (sender != null) {
                        sender.cancel();
                    }
                }
                default -> throw new IllegalStateException("Unknown data-plane message type " + type
                        + " from " + ctx.channel().remoteAddress());
            }
        } finally {
            frame.release();
        }
    }

    private void onPartitionRequest(ChannelHandlerContext ctx, int receiverId, ResultPartitionId partitionId,
            int subpartitionIndex, int initialCredit) {
        ResultPartition partition = partitions.get(partitionId);
        if (partition == null) {
            ctx.writeAndFlush(DataProtocol.error(ctx.alloc(), receiverId, true, "Result partition " + partitionId
                    + " is not registered"));
            return;
        }
        try {
            ResultSubpartition subpartition = partition.subpartition(subpartitionIndex);
            SubpartitionSender sender = new SubpartitionSender(ctx, receiverId, subpartition, initialCredit,
                    () -> senders.remove(receiverId));
            subpartition.attachReader(sender);
            senders.put(receiverId, sender);
            sender.trySend();
        } catch (IOException e) {
            ctx.writeAndFlush(DataProtocol.error(ctx.alloc(), receiverId, false, DataProtocol.describe(e)));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (SubpartitionSender sender : new ArrayList<>(senders.values())) {
            sender.cancel();
        }
        senders.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
