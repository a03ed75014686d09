package io.spindle.runtime.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The data plane's wire format: {@code int length | byte type | body}. Consumers send partition
 * requests, credit and cancellations; producers send buffers (each fills exactly one of the
 * consumer's credited buffers) and errors. A receiver id, chosen by the consumer and unique per
 * TaskManager, names the input channel a message belongs to.
 */
final class DataProtocol {

    static final byte PARTITION_REQUEST = 1;
    static final byte ADD_CREDIT = 2;
    static final byte CANCEL = 3;
    static final byte BUFFER = 10;
    static final byte ERROR = 11;
    /** A framed event that goes ahead of the buffers sent before it, outside the credit. */
    static final byte PRIORITY_EVENT = 12;

    private static final int MAX_CONTROL_FRAME = 1 << 20;

    private DataProtocol() {}

    static LengthFieldBasedFrameDecoder frameDecoder(int segmentSize) {
        return new LengthFieldBasedFrameDecoder(Math.max(MAX_CONTROL_FRAME, segmentSize + 64), 0, 4, 0, 4);
    }

    static ByteBuf partitionRequest(ByteBufAllocator alloc, int receiverId, ResultPartitionId partition,
            int subpartition, int initialCredit) {
        ByteBuf out = alloc.buffer(128);
        out.writeInt(0).writeByte(PARTITION_REQUEST).writeInt(receiverId).writeInt(subpartition).writeInt(initialCredit);
        writeString(out, partition.jobId());
        writeString(out, partition.producerVertexId());
        out.writeInt(partition.subtaskIndex()).writeInt(partition.attempt());
        return finish(out);
    }

    static ResultPartitionId readPartitionId(ByteBuf in) {
        String jobId = readString(in);
        String vertexId = readString(in);
        return new ResultPartitionId(jobId, vertexId, in.readInt(), in.readInt());
    }

    static ByteBuf addCredit(ByteBufAllocator alloc, int receiverId, int credit) {
        return alloc.buffer(13).writeInt(9).writeByte(ADD_CREDIT).writeInt(receiverId).writeInt(credit);
    }

    static ByteBuf cancel(ByteBufAllocator alloc, int receiverId) {
        return alloc.buffer(9).writeInt(5).writeByte(CANCEL).writeInt(receiverId);
    }

    static ByteBuf buffer(ByteBufAllocator alloc, int receiverId, int backlog, byte[] data, int offset, int length) {
        ByteBuf out = alloc.directBuffer(13 + length);
        out.writeInt(9 + length).writeByte(BUFFER).writeInt(receiverId).writeInt(backlog).writeBytes(data, offset, length);
        return out;
    }

    static ByteBuf priorityEvent(ByteBufAllocator alloc, int receiverId, byte[] framedEvent) {
        ByteBuf out = alloc.buffer(9 + framedEvent.length);
        out.writeInt(5 + framedEvent.length).writeByte(PRIORITY_EVENT).writeInt(receiverId).writeBytes(framedEvent);
        return out;
    }

    static ByteBuf error(ByteBufAllocator alloc, int receiverId, boolean partitionNotFound, String message) {
        ByteBuf out = alloc.buffer(64 + message.length() * 3);
        out.writeInt(0).writeByte(ERROR).writeInt(receiverId).writeBoolean(partitionNotFound);
        writeString(out, message);
        return finish(out);
    }

    static String readString(ByteBuf in) {
        int length = in.readInt();
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /** The whole cause chain, since the consumer sees only text. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" Caused by: ");
            }
            text.append(t);
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    private static void writeString(ByteBuf out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length).writeBytes(bytes);
    }

    private static ByteBuf finish(ByteBuf out) {
        out.setInt(0, out.readableBytes() - 4);
        return out;
    }
}
