package io.spindle.runtime.network;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte format of a subpartition's stream: every record, event and the end-of-partition
 * mark starts with a 4-byte header that never straddles two buffers (the writer starts a new
 * buffer when fewer than 4 bytes are left), so readers always find a whole header in one slice.
 * Payloads may span buffers.
 */
final class Framing {

    static final int HEADER_BYTES = 4;
    /** Header of the end-of-partition mark; it has no payload. */
    static final int END_OF_PARTITION = Integer.MIN_VALUE;
    /** Largest payload; keeps the event encoding -(length + 1) clear of END_OF_PARTITION. */
    static final int MAX_PAYLOAD = Integer.MAX_VALUE - 1;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Framing() {}

    /** Records have a non-negative header equal to their length. */
    static int recordHeader(int length) {
        return length;
    }

    /** Events have a negative header, so a reader tells them from records without a type byte. */
    static int eventHeader(int length) {
        return -(length + 1);
    }

    static int eventLength(int header) {
        return -header - 1;
    }

    static void putInt(byte[] array, int offset, int value) {
        INT.set(array, offset, value);
    }

    static int getInt(byte[] array, int offset) {
        return (int) INT.get(array, offset);
    }
}
