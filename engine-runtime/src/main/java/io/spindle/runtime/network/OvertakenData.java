package io.spindle.runtime.network;

/**
 * Bytes of a subpartition's stream that an unaligned checkpoint's barrier overtook: framed
 * records and events, except that the first {@code continuation} bytes may end a record whose
 * start went before. A checkpoint keeps them as the channel's in-flight data.
 */
public record OvertakenData(byte[] bytes, int continuation) {
    public static final OvertakenData NONE = new OvertakenData(new byte[0], 0);

    public boolean isEmpty() {
        return bytes.length == 0;
    }
}
