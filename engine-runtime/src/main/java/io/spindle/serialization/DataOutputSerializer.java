package io.spindle.serialization;

import java.io.DataOutput;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable in-memory {@link DataOutput}: bytes go into a backing array that doubles when full.
 * Multi-byte values are big-endian, as {@link DataOutput} specifies. Besides the standard methods
 * it writes unsigned LEB128 varints and strings of any length ({@link #writeString}).
 *
 * <p>Not thread-safe: one writer at a time. Reuse an instance with {@link #clear()} rather than
 * allocating one per record.
 */
public final class DataOutputSerializer implements DataOutput {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The largest array size the JVM reliably allocates. */
    private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

    private byte[] buffer;
    private int position;

    public DataOutputSerializer() {
        this(256);
    }

    public DataOutputSerializer(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initial capacity must be positive, was " + initialCapacity);
        }
        this.buffer = new byte[initialCapacity];
    }

    /** Number of bytes written since the last {@link #clear()}. */
    public int length() {
        return position;
    }

    /** The backing array, valid from 0 to {@link #length()}; replaced when the output grows. */
    public byte[] getSharedBuffer() {
        return buffer;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /** Forgets the written bytes and keeps the backing array. */
    public void clear() {
        position = 0;
    }

    /** Makes room for at least {@code additionalBytes} more bytes without further growth. */
    public void ensureCapacity(int additionalBytes) {
        if (buffer.length - position < additionalBytes) {
            grow((long) position + additionalBytes);
        }
    }

    private void grow(long required) {
        if (required > MAX_ARRAY_SIZE) {
            throw new OutOfMemoryError("a record needs " + required + " bytes, more than a byte array can hold");
        }
        long doubled = Math.min(MAX_ARRAY_SIZE, (long) buffer.length * 2);
        buffer = Arrays.copyOf(buffer, (int) Math.max(doubled, required));
    }

    /** Overwrites 4 bytes at an earlier position, e.g. a length prefix reserved before a record. */
    public void writeIntAt(int at, int value) {
        if (at < 0 || at > position - 4) {
            throw new IndexOutOfBoundsException("cannot write 4 bytes at " + at + " of " + position + " written");
        }
        INT.set(buffer, at, value);
    }

    @Override
    public void write(int b) {
        if (position == buffer.length) {
            grow(position + 1L);
        }
        buffer[position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    @Override
    public void writeBoolean(boolean value) {
        write(value ? 1 : 0);
    }

    @Override
    public void writeByte(int value) {
        write(value);
    }

    @Override
    public void writeShort(int value) {
        ensureCapacity(2);
        SHORT.set(buffer, position, (short) value);
        position += 2;
    }

    @Override
    public void writeChar(int value) {
        writeShort(value);
    }

    @Override
    public void writeInt(int value) {
        ensureCapacity(4);
        INT.set(buffer, position, value);
        position += 4;
    }

    @Override
    public void writeLong(long value) {
        ensureCapacity(8);
        LONG.set(buffer, position, value);
        position += 8;
    }

    @Override
    public void writeFloat(float value) {
        writeInt(Float.floatToRawIntBits(value));
    }

    @Override
    public void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    /** Writes the low byte of each char, as {@link DataOutput#writeBytes} specifies. */
    @Override
    public void writeBytes(String s) {
        int n = s.length();
        ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            buffer[position + i] = (byte) s.charAt(i);
        }
        position += n;
    }

    @Override
    public void writeChars(String s) {
        int n = s.length();
        ensureCapacity(2 * n);
        for (int i = 0; i < n; i++) {
            SHORT.set(buffer, position, (short) s.charAt(i));
            position += 2;
        }
    }

    /** Modified UTF-8 with a 2-byte length, limited to 65535 bytes; prefer {@link #writeString}. */
    @Override
    public void writeUTF(String s) throws UTFDataFormatException {
        int n = s.length();
        int encodedLength = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            encodedLength += (c != 0 && c < 0x80) ? 1 : (c < 0x800 ? 2 : 3);
        }
        if (encodedLength > 0xFFFF) {
            throw new UTFDataFormatException("string of " + encodedLength + " bytes is too long for writeUTF; use writeString");
        }
        ensureCapacity(2 + encodedLength);
        SHORT.set(buffer, position, (short) encodedLength);
        position += 2;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                buffer[position++] = (byte) c;
            } else {
                writeMultiByteChar(c);
            }
        }
    }

    /** Unsigned LEB128: 1 byte for 0..127, at most 5; negative values take 5 bytes. */
    public void writeVarInt(int value) {
        ensureCapacity(5);
        byte[] buf = buffer;
        int p = position;
        while ((value & ~0x7F) != 0) {
            buf[p++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[p++] = (byte) value;
        position = p;
    }

    /** Unsigned LEB128 of a long: at most 10 bytes. */
    public void writeVarLong(long value) {
        ensureCapacity(10);
        byte[] buf = buffer;
        int p = position;
        while ((value & ~0x7FL) != 0) {
            buf[p++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[p++] = (byte) value;
        position = p;
    }

    /**
     * Writes a string of any length, or null. Header: varint of {@code (length + 1) << 1 | wide}
     * (0 for null), where length counts chars. If no char is wide (all below 0x80) one byte per
     * char follows; otherwise each char takes 1 to 3 bytes (UTF-8 style, surrogates encoded one
     * by one so that every string, even one with an unpaired surrogate, comes back unchanged).
     */
    public void writeString(String s) {
        if (s == null) {
            write(0);
            return;
        }
        int n = s.length();
        int header = (n + 1) << 1;
        // Both flag values give the same varint length, so the header can be patched in place.
        int headerLength = varIntLength(header);
        ensureCapacity(headerLength + n);
        int headerPosition = position;
        byte[] buf = buffer;
        int p = position;
        if (headerLength == 1) {
            buf[p++] = (byte) header;
        } else {
            writeVarInt(header);
            p = position;
        }
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            buf[p++] = (byte) c;
        }
        position = p;
        if (i < n) {
            position = headerPosition;
            writeVarInt(header | 1);
            position = p;
            writeWideChars(s, i, n);
        }
    }

    private void writeWideChars(String s, int from, int n) {
        ensureCapacity(Math.toIntExact(3L * (n - from)));
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buffer[position++] = (byte) c;
            } else {
                writeMultiByteChar(c);
            }
        }
    }

    /** The 2- or 3-byte form of a char; capacity must already be there. */
    private void writeMultiByteChar(char c) {
        byte[] buf = buffer;
        int p = position;
        if (c < 0x800) {
            buf[p++] = (byte) (0xC0 | (c >> 6));
            buf[p++] = (byte) (0x80 | (c & 0x3F));
        } else {
            buf[p++] = (byte) (0xE0 | (c >> 12));
            buf[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[p++] = (byte) (0x80 | (c & 0x3F));
        }
        position = p;
    }

    private static int varIntLength(int value) {
        int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }
}
