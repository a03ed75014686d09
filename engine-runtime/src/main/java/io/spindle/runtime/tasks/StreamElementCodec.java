package io.spindle.runtime.tasks;

/**
 * The framing of stream elements on the wire. A record is one header byte (with or without
 * timestamp), the timestamp when present, then the value's encoding. Events travel in-band as
 * opaque bytes of the network layer; the first byte says which event.
 */
final class StreamElementCodec {
    static final byte RECORD_WITHOUT_TIMESTAMP = 0;
    static final byte RECORD_WITH_TIMESTAMP = 1;

    static final byte EVENT_WATERMARK = 1;

    private StreamElementCodec() {}

    static byte[] watermarkEvent(long watermark) {
        byte[] bytes = new byte[9];
        bytes[0] = EVENT_WATERMARK;
        for (int i = 0; i < 8; i++) {
            bytes[1 + i] = (byte) (watermark >>> (56 - 8 * i));
        }
        return bytes;
    }

    static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
