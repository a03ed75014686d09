package io.spindle.serialization;

import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import io.spindle.api.tuple.Tuple4;
import io.spindle.api.tuple.Tuple5;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes values of any class to one ordered stream (one network channel, one snapshot file),
 * each preceded by a one-byte tag. Common types have fixed tags; any other class is written by
 * name the first time it appears on the stream and by a small dictionary id afterwards. The
 * {@link RecordDecoder} reading the stream must see the same bytes in the same order.
 *
 * <p>Stateful and not thread-safe: one encoder per stream, used by one thread. If {@link #encode}
 * throws, the stream is broken (the dictionary may hold a class the reader never learns about):
 * discard it, or {@link #reset} both ends.
 */
public final class RecordEncoder {
    private final ClassIdTable ids = new ClassIdTable();
    private static final TypeSerializer<?>[] NO_SERIALIZERS = new TypeSerializer<?>[0];

    private TypeSerializer<?>[] serializers = NO_SERIALIZERS;
    private int classCount;

    // Streams usually carry one class over and over: remembering the last one skips the table.
    private Class<?> lastClass;
    private int lastId;
    private TypeSerializer<Object> lastSerializer;

    /** Writes a tag and {@code value}, which may be null. */
    public void encode(Object value, DataOutputSerializer out) throws IOException {
        if (value == null) {
            out.write(DynamicTags.NULL);
            return;
        }
        Class<?> type = value.getClass();
        if (type == Long.class) {
            out.write(DynamicTags.LONG);
            out.writeLong((Long) value);
        } else if (type == Integer.class) {
            out.write(DynamicTags.INTEGER);
            out.writeInt((Integer) value);
        } else if (type == String.class) {
            out.write(DynamicTags.STRING);
            out.writeString((String) value);
        } else if (type == lastClass) {
            writeClassTag(lastId, out);
            lastSerializer.serialize(value, out, this);
        } else if (type == Double.class) {
            out.write(DynamicTags.DOUBLE);
            out.writeDouble((Double) value);
        } else if (type == Boolean.class) {
            out.write((Boolean) value ? DynamicTags.TRUE : DynamicTags.FALSE);
        } else if (type == Tuple2.class) {
            out.write(DynamicTags.TUPLE2);
            TupleSerializers.TUPLE2.serialize(value, out, this);
        } else if (type == Tuple3.class) {
            out.write(DynamicTags.TUPLE3);
            TupleSerializers.TUPLE3.serialize(value, out, this);
        } else {
            encodeLessCommon(value, type, out);
        }
    }

    private void encodeLessCommon(Object value, Class<?> type, DataOutputSerializer out) throws IOException {
        if (type == Tuple4.class) {
            out.write(DynamicTags.TUPLE4);
            TupleSerializers.TUPLE4.serialize(value, out, this);
        } else if (type == Tuple5.class) {
            out.write(DynamicTags.TUPLE5);
            TupleSerializers.TUPLE5.serialize(value, out, this);
        } else if (type == Short.class) {
            out.write(DynamicTags.SHORT);
            out.writeShort((Short) value);
        } else if (type == Byte.class) {
            out.write(DynamicTags.BYTE);
            out.write((Byte) value);
        } else if (type == Float.class) {
            out.write(DynamicTags.FLOAT);
            out.writeFloat((Float) value);
        } else if (type == Character.class) {
            out.write(DynamicTags.CHARACTER);
            out.writeChar((Character) value);
        } else if (type == byte[].class) {
            byte[] bytes = (byte[]) value;
            out.write(DynamicTags.BYTE_ARRAY);
            out.writeVarInt(bytes.length);
            out.write(bytes);
        } else {
            encodeByDictionary(value, type, out);
        }
    }

    @SuppressWarnings("unchecked")
    private void encodeByDictionary(Object value, Class<?> type, DataOutputSerializer out) throws IOException {
        int id = ids.get(type);
        TypeSerializer<Object> serializer;
        if (id == ClassIdTable.ABSENT) {
            // Analyse before touching the dictionary, so an unsupported class leaves it intact.
            serializer = serializerFor(type);
            id = register(type, serializer);
            out.write(DynamicTags.NEW_CLASS);
            out.writeString(type.getName());
        } else {
            serializer = (TypeSerializer<Object>) serializers[id];
            writeClassTag(id, out);
        }
        lastClass = type;
        lastId = id;
        lastSerializer = serializer;
        serializer.serialize(value, out, this);
    }

    @SuppressWarnings("unchecked")
    private static TypeSerializer<Object> serializerFor(Class<?> type) {
        if (type.isHidden()) {
            throw new IllegalArgumentException("Cannot ship a value of class " + type.getName()
                    + ": it is a hidden class (a lambda or proxy), which another JVM cannot look up by name."
                    + " Use a named class, a record or a tuple as the record type.");
        }
        return (TypeSerializer<Object>) TypeSerializers.forClass(type);
    }

    private int register(Class<?> type, TypeSerializer<Object> serializer) {
        int id = classCount++;
        if (id == serializers.length) {
            serializers = Arrays.copyOf(serializers, Math.max(8, id * 2));
        }
        serializers[id] = serializer;
        ids.put(type, id);
        return id;
    }

    private static void writeClassTag(int id, DataOutputSerializer out) {
        if (id <= DynamicTags.MAX_FOLDED_ID) {
            out.write(DynamicTags.FIRST_FOLDED_ID + id);
        } else {
            out.write(DynamicTags.CLASS_ID);
            out.writeVarInt(id);
        }
    }

    /** Forgets the class dictionary, e.g. for a new connection; the decoder must reset too. */
    public void reset() {
        ids.clear();
        Arrays.fill(serializers, 0, classCount, null);
        classCount = 0;
        lastClass = null;
        lastSerializer = null;
    }
}
