package io.spindle.serialization;

import java.io.EOFException;
import java.io.IOException;
import java.io.Serial;

/** Serializers for arrays of primitives: a varint length, then the elements big-endian. */
final class PrimitiveArraySerializers {
    static final TypeSerializer<byte[]> BYTES = new ByteArraySerializer();
    static final TypeSerializer<short[]> SHORTS = new ShortArraySerializer();
    static final TypeSerializer<int[]> INTS = new IntArraySerializer();
    static final TypeSerializer<long[]> LONGS = new LongArraySerializer();
    static final TypeSerializer<float[]> FLOATS = new FloatArraySerializer();
    static final TypeSerializer<double[]> DOUBLES = new DoubleArraySerializer();
    static final TypeSerializer<char[]> CHARS = new CharArraySerializer();
    static final TypeSerializer<boolean[]> BOOLEANS = new BooleanArraySerializer();

    private PrimitiveArraySerializers() {}

    /** Reads a length and checks the bytes are there, so a corrupt length cannot allocate wildly. */
    static int readLength(DataInputDeserializer in, int bytesPerElement) throws IOException {
        int length = in.readVarInt();
        if (length < 0 || (long) length * bytesPerElement > in.available()) {
            throw new EOFException("array of " + Integer.toUnsignedString(length) + " elements needs more than the "
                    + in.available() + " bytes that remain");
        }
        return length;
    }

    private static final class ByteArraySerializer extends TypeSerializer<byte[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        ByteArraySerializer() {
            super(byte[].class);
        }

        @Override
        public void serialize(byte[] value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeVarInt(value.length);
            out.write(value);
        }

        @Override
        public byte[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            byte[] value = new byte[readLength(in, 1)];
            in.readFully(value);
            return value;
        }
    }

    private static final class ShortArraySerializer extends TypeSerializer<short[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        ShortArraySerializer() {
            super(short[].class);
        }

        @Override
        public void serialize(short[] value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeVarInt(value.length);
            out.ensureCapacity(2 * value.length);
            for (short element : value) {
                out.writeShort(element);
            }
        }

        @Override
        public short[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            short[] value = new short[readLength(in, 2)];
            for (int i = 0; i < value.length; i++) {
                value[i] = in.readShort();
            }
            return value;
        }
    }

    private static final class IntArraySerializer extends TypeSerializer<int[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        IntArraySerializer() {
            super(int[].class);
        }

        @Override
        public void serialize(int[] value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeVarInt(value.length);
            out.ensureCapacity(4 * value.length);
            for (int element : value) {
                out.writeInt(element);
            }
        }

        @Override
        public int[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            int[] value = new int[readLength(in, 4)];
            for (int i = 0; i < value.length; i++) {
                value[i] = in.readInt();
            }
            return value;
        }
    }

    private static final class LongArraySerializer extends TypeSerializer<long[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        LongArraySerializer() {
            super(long[].class);
        }

        @Override
        public void serialize(long[] value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeVarInt(value.length);
            out.ensureCapacity(8 * value.length);
            for (long element : value) {
                out.writeLong(element);
            }
        }

        @Override
        public long[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            long[] value = new long[readLength(in, 8)];
            for (int i = 0; i < value.length; i++) {
                value[i] = in.readLong();
            }
            return value;
        }
    }

    private static final class FloatArraySerializer extends TypeSerializer<float[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        FloatArraySerializer() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeVarInt(value.length);
            out.ensureCapacity(4 * value.length);
            for (float element : value) {
                out.writeFloat(element);
            }
        }

        @Override
        public float[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            float[] value = new float[readLength(in, 4)];
            for (int i = 0; i < value.length; i++) {
                value[i] = in.readFloat();
            }
            return value;
        }
    }

    private static final class DoubleArraySerializer extends TypeSerializer<double[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        DoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeVarInt(value.length);
            out.ensureCapacity(8 * value.length);
            for (double element : value) {
                out.writeDouble(element);
            }
        }

        @Override
        public double[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            double[] value = new double[readLength(in, 8)];
            for (int i = 0; i < value.length; i++) {
                value[i] = in.readDouble();
            }
            return value;
        }
    }

    private static final class CharArraySerializer extends TypeSerializer<char[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        CharArraySerializer() {
            super(char[].class);
        }

        @Override
        public void serialize(char[] value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeVarInt(value.length);
            out.ensureCapacity(2 * value.length);
            for (char element : value) {
                out.writeChar(element);
            }
        }

        @Override
        public char[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            char[] value = new char[readLength(in, 2)];
            for (int i = 0; i < value.length; i++) {
                value[i] = in.readChar();
            }
            return value;
        }
    }

    private static final class BooleanArraySerializer extends TypeSerializer<boolean[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        BooleanArraySerializer() {
            super(boolean[].class);
        }

        @Override
        public void serialize(boolean[] value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeVarInt(value.length);
            out.ensureCapacity(value.length);
            for (boolean element : value) {
                out.writeBoolean(element);
            }
        }

        @Override
        public boolean[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            boolean[] value = new boolean[readLength(in, 1)];
            for (int i = 0; i < value.length; i++) {
                value[i] = in.readBoolean();
            }
            return value;
        }
    }
}
