package io.spindle.serialization;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the values a {@link RecordEncoder} wrote to one ordered stream, keeping the same class
 * dictionary as the encoder. Class names are resolved with the user class loader given at
 * construction.
 *
 * <p>Stateful and not thread-safe: one decoder per stream, used by one thread, fed the stream's
 * bytes in order. After an exception the stream is broken: discard the decoder.
 */
public final class RecordDecoder {
    private static final TypeSerializer<?>[] NO_SERIALIZERS = new TypeSerializer<?>[0];

    private final ClassLoader userClassLoader;
    private TypeSerializer<?>[] serializers = NO_SERIALIZERS;
    private int classCount;

    public RecordDecoder(ClassLoader userClassLoader) {
        this.userClassLoader = Objects.requireNonNull(userClassLoader, "userClassLoader");
    }

    /** Reads one tagged value, possibly null. */
    public Object decode(DataInputDeserializer in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case DynamicTags.NULL:
                return null;
            case DynamicTags.LONG:
                return in.readLong();
            case DynamicTags.INTEGER:
                return in.readInt();
            case DynamicTags.STRING:
                return in.readString();
            case DynamicTags.DOUBLE:
                return in.readDouble();
            case DynamicTags.TRUE:
                return Boolean.TRUE;
            case DynamicTags.FALSE:
                return Boolean.FALSE;
            case DynamicTags.TUPLE2:
                return TupleSerializers.TUPLE2.deserialize(in, this);
            case DynamicTags.TUPLE3:
                return TupleSerializers.TUPLE3.deserialize(in, this);
            case DynamicTags.TUPLE4:
                return TupleSerializers.TUPLE4.deserialize(in, this);
            case DynamicTags.TUPLE5:
                return TupleSerializers.TUPLE5.deserialize(in, this);
            case DynamicTags.SHORT:
                return in.readShort();
            case DynamicTags.BYTE:
                return in.readByte();
            case DynamicTags.FLOAT:
                return in.readFloat();
            case DynamicTags.CHARACTER:
                return in.readChar();
            case DynamicTags.BYTE_ARRAY:
                return readByteArray(in);
            case DynamicTags.NEW_CLASS:
                return registerClass(in.readString()).deserialize(in, this);
            case DynamicTags.CLASS_ID:
                return knownClass(in.readVarInt()).deserialize(in, this);
            default:
                if (tag < DynamicTags.FIRST_FOLDED_ID) {
                    throw new IOException("corrupt record stream: unknown tag " + tag);
                }
                return knownClass(tag - DynamicTags.FIRST_FOLDED_ID).deserialize(in, this);
        }
    }

    private static byte[] readByteArray(DataInputDeserializer in) throws IOException {
        int length = in.readVarInt();
        if (length < 0 || length > in.available()) {
            throw new EOFException("byte array of " + Integer.toUnsignedString(length)
                    + " bytes but only " + in.available() + " remain");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private TypeSerializer<?> knownClass(int id) throws IOException {
        if (id < 0 || id >= classCount) {
            throw new IOException("corrupt record stream: class id " + id + " was never defined (" + classCount
                    + " classes known); the decoder must read the stream from its start, in order");
        }
        return serializers[id];
    }

    private TypeSerializer<?> registerClass(String className) throws IOException {
        if (className == null) {
            throw new IOException("corrupt record stream: null class name");
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, userClassLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IOException("Cannot decode a record of class " + className
                    + ": the user class loader cannot load it. The user jar must contain this class"
                    + " (the same version as on the sending side).", e);
        }
        TypeSerializer<?> serializer;
        try {
            serializer = TypeSerializers.forClass(type);
        } catch (RuntimeException e) {
            throw new IOException("Cannot decode a record of class " + className + ": " + e.getMessage(), e);
        }
        if (classCount == serializers.length) {
            serializers = Arrays.copyOf(serializers, Math.max(8, classCount * 2));
        }
        serializers[classCount++] = serializer;
        return serializer;
    }

    /** Forgets the class dictionary; pairs with {@link RecordEncoder#reset()} on the writing side. */
    public void reset() {
        Arrays.fill(serializers, 0, classCount, null);
        classCount = 0;
    }
}
