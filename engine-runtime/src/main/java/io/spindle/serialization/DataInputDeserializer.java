package io.spindle.serialization;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A {@link DataInput} over a region of a byte array, the reading side of
 * {@link DataOutputSerializer}. Reading past the region's end throws {@link EOFException}; the
 * position is then unspecified, as the record being read is incomplete anyway.
 *
 * <p>Not thread-safe: one reader at a time. Point an instance at the next buffer with
 * {@link #setBuffer} rather than allocating one per record.
 */
public final class DataInputDeserializer implements DataInput {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer = EMPTY;
    private int position;
    private int end;

    public DataInputDeserializer() {}

    public DataInputDeserializer(byte[] buffer) {
        setBuffer(buffer, 0, buffer.length);
    }

    public DataInputDeserializer(byte[] buffer, int offset, int length) {
        setBuffer(buffer, offset, length);
    }

    /** Reads {@code length} bytes of {@code buffer} starting at {@code offset}; no copy is made. */
    public void setBuffer(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IndexOutOfBoundsException(
                    "region [" + offset + ", " + offset + "+" + length + ") outside an array of " + buffer.length);
        }
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    public void setBuffer(byte[] buffer) {
        setBuffer(buffer, 0, buffer.length);
    }

    /** Bytes left to read. */
    public int available() {
        return end - position;
    }

    /** The index in the backing array of the next byte to read. */
    public int getPosition() {
        return position;
    }

    private void require(int bytes) throws EOFException {
        if (end - position < bytes) {
            throw new EOFException("need " + bytes + " more bytes but only " + (end - position) + " remain");
        }
    }

    @Override
    public void readFully(byte[] target) throws IOException {
        readFully(target, 0, target.length);
    }

    @Override
    public void readFully(byte[] target, int offset, int length) throws IOException {
        require(length);
        System.arraycopy(buffer, position, target, offset, length);
        position += length;
    }

    /** Skips up to {@code n} bytes, fewer only at the end of the region. */
    @Override
    public int skipBytes(int n) {
        int skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        if (position == end) {
            throw new EOFException("need 1 more byte but none remain");
        }
        return buffer[position++];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
        require(2);
        short value = (short) SHORT.get(buffer, position);
        position += 2;
        return value;
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        require(4);
        int value = (int) INT.get(buffer, position);
        position += 4;
        return value;
    }

    @Override
    public long readLong() throws IOException {
        require(8);
        long value = (long) LONG.get(buffer, position);
        position += 8;
        return value;
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** A line of Latin-1 chars ended by \n, \r or \r\n, or null at the end of the region. */
    @Override
    public String readLine() {
        if (position == end) {
            return null;
        }
        StringBuilder line = new StringBuilder();
        while (position < end) {
            char c = (char) (buffer[position++] & 0xFF);
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                if (position < end && buffer[position] == '\n') {
                    position++;
                }
                break;
            }
            line.append(c);
        }
        return line.toString();
    }

    @Override
    public String readUTF() throws IOException {
        return DataInputStream.readUTF(this);
    }

    /** Reads what {@link DataOutputSerializer#writeVarInt} wrote. */
    public int readVarInt() throws IOException {
        int b = readByte();
        if (b >= 0) {
            return b;
        }
        int value = b & 0x7F;
        for (int shift = 7; shift < 35; shift += 7) {
            b = readByte();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("malformed varint: more than 5 bytes");
    }

    /** Reads what {@link DataOutputSerializer#writeVarLong} wrote. */
    public long readVarLong() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("malformed varint: more than 10 bytes");
    }

    /** Reads what {@link DataOutputSerializer#writeString} wrote; may return null. */
    public String readString() throws IOException {
        int header = readVarInt();
        if (header == 0) {
            return null;
        }
        int length = (header >>> 1) - 1;
        if (length < 0) {
            throw new UTFDataFormatException("malformed string header " + Integer.toUnsignedString(header));
        }
        if ((header & 1) == 0) {
            require(length);
            String s = new String(buffer, position, length, StandardCharsets.ISO_8859_1);
            position += length;
            return s;
        }
        return readWideChars(length);
    }

    private String readWideChars(int length) throws IOException {
        // Every char takes at least one byte: checking first keeps a corrupt header from
        // allocating a huge array.
        require(length);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            int b = readByte() & 0xFF;
            if (b < 0x80) {
                chars[i] = (char) b;
            } else if ((b & 0xE0) == 0xC0) {
                chars[i] = (char) (((b & 0x1F) << 6) | continuation());
            } else if ((b & 0xF0) == 0xE0) {
                int middle = continuation();
                chars[i] = (char) (((b & 0x0F) << 12) | (middle << 6) | continuation());
            } else {
                throw new UTFDataFormatException("malformed string: byte 0x" + Integer.toHexString(b)
                        + " at " + (position - 1) + " cannot start a char");
            }
        }
        return new String(chars);
    }

    private int continuation() throws IOException {
        int b = readByte() & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw new UTFDataFormatException("malformed string: byte 0x" + Integer.toHexString(b)
                    + " at " + (position - 1) + " is not a continuation byte");
        }
        return b & 0x3F;
    }
}
