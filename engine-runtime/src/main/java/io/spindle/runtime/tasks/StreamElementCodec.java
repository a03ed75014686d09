package io.spindle.runtime.tasks;

import io.spindle.runtime.checkpoint.SnapshotType;

/**
 * The framing of stream elements on the wire. A record is one header byte (with or without
 * timestamp), the timestamp when present, then the value's encoding. Events travel in-band as
 * opaque bytes of the network layer; the first byte says which event.
 */
final class StreamElementCodec {
    static final byte RECORD_WITHOUT_TIMESTAMP = 0;
    static final byte RECORD_WITH_TIMESTAMP = 1;

    static final byte EVENT_WATERMARK = 1;
    /** A checkpoint barrier: checkpoint id, timestamp, its {@link SnapshotType}'s code, and its directory. */
    static final byte EVENT_CHECKPOINT_BARRIER = 2;
    /** Checkpoint id: that checkpoint was aborted, so no task keeps waiting for its barriers. */
    static final byte EVENT_CANCEL_CHECKPOINT = 3;
    /** One byte: 1 when the channel's stream became idle, 0 when it is active again. */
    static final byte EVENT_WATERMARK_STATUS = 4;

    private StreamElementCodec() {}

    /** The barrier also names the checkpoint's directory, where every task writes its state. */
    static byte[] barrierEvent(long checkpointId, long timestamp, SnapshotType type, String location) {
        byte[] path = location.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = new byte[18 + path.length];
        bytes[0] = EVENT_CHECKPOINT_BARRIER;
        putLong(bytes, 1, checkpointId);
        putLong(bytes, 9, timestamp);
        bytes[17] = (byte) type.code();
        System.arraycopy(path, 0, bytes, 18, path.length);
        return bytes;
    }

    static SnapshotType barrierType(byte[] bytes, int offset) {
        return SnapshotType.ofCode(bytes[offset + 17]);
    }

    static String barrierLocation(byte[] bytes, int offset, int length) {
        return new String(bytes, offset + 18, length - 18, java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] cancelCheckpointEvent(long checkpointId) {
        byte[] bytes = new byte[9];
        bytes[0] = EVENT_CANCEL_CHECKPOINT;
        putLong(bytes, 1, checkpointId);
        return bytes;
    }

    private static void putLong(byte[] bytes, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    static byte[] watermarkEvent(long watermark) {
        byte[] bytes = new byte[9];
        bytes[0] = EVENT_WATERMARK;
        putLong(bytes, 1, watermark);
        return bytes;
    }

    static byte[] watermarkStatusEvent(boolean idle) {
        return new byte[] {EVENT_WATERMARK_STATUS, (byte) (idle ? 1 : 0)};
    }

    static boolean readBoolean(byte[] bytes, int offset) {
        return bytes[offset] != 0;
    }

    static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
