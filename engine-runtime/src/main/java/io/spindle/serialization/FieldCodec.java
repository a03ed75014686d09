package io.spindle.serialization;

import java.io.IOException;
import java.lang.reflect.Field;

/**
 * Writes and reads one field of an object by reflection. Primitive fields use the primitive
 * accessors of {@link Field}, so they are never boxed except when a record's constructor needs
 * its arguments as objects. One final class with a switch keeps the call sites monomorphic.
 */
final class FieldCodec {
    private static final int LONG = 0;
    private static final int INT = 1;
    private static final int DOUBLE = 2;
    private static final int FLOAT = 3;
    private static final int BOOLEAN = 4;
    private static final int SHORT = 5;
    private static final int BYTE = 6;
    private static final int CHAR = 7;
    private static final int REFERENCE = 8;

    private final Field field;
    private final int kind;
    private final ValueCodec reference;

    /** {@code field} must already be accessible. */
    FieldCodec(Field field) {
        this.field = field;
        Class<?> type = field.getType();
        this.kind = kindOf(type);
        this.reference = kind == REFERENCE ? ValueCodec.forDeclaredType(type) : null;
    }

    Field field() {
        return field;
    }

    private static int kindOf(Class<?> type) {
        if (type == long.class) {
            return LONG;
        } else if (type == int.class) {
            return INT;
        } else if (type == double.class) {
            return DOUBLE;
        } else if (type == float.class) {
            return FLOAT;
        } else if (type == boolean.class) {
            return BOOLEAN;
        } else if (type == short.class) {
            return SHORT;
        } else if (type == byte.class) {
            return BYTE;
        } else if (type == char.class) {
            return CHAR;
        }
        return REFERENCE;
    }

    void write(Object owner, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
        try {
            switch (kind) {
                case LONG -> out.writeLong(field.getLong(owner));
                case INT -> out.writeInt(field.getInt(owner));
                case DOUBLE -> out.writeDouble(field.getDouble(owner));
                case FLOAT -> out.writeFloat(field.getFloat(owner));
                case BOOLEAN -> out.writeBoolean(field.getBoolean(owner));
                case SHORT -> out.writeShort(field.getShort(owner));
                case BYTE -> out.write(field.getByte(owner));
                case CHAR -> out.writeChar(field.getChar(owner));
                default -> reference.write(field.get(owner), out, dynamic);
            }
        } catch (IllegalAccessException e) {
            throw inaccessible(e);
        }
    }

    /** Reads the field's value and stores it into {@code owner}. */
    void readInto(Object owner, DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
        try {
            switch (kind) {
                case LONG -> field.setLong(owner, in.readLong());
                case INT -> field.setInt(owner, in.readInt());
                case DOUBLE -> field.setDouble(owner, in.readDouble());
                case FLOAT -> field.setFloat(owner, in.readFloat());
                case BOOLEAN -> field.setBoolean(owner, in.readBoolean());
                case SHORT -> field.setShort(owner, in.readShort());
                case BYTE -> field.setByte(owner, in.readByte());
                case CHAR -> field.setChar(owner, in.readChar());
                default -> field.set(owner, reference.read(in, dynamic));
            }
        } catch (IllegalAccessException e) {
            throw inaccessible(e);
        } catch (IllegalArgumentException e) {
            throw new IOException("the stream holds a value that does not fit field " + describe(), e);
        }
    }

    /** Reads the field's value, boxed, for a constructor call. */
    Object readValue(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
        return switch (kind) {
            case LONG -> in.readLong();
            case INT -> in.readInt();
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case BOOLEAN -> in.readBoolean();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case CHAR -> in.readChar();
            default -> reference.read(in, dynamic);
        };
    }

    private IllegalStateException inaccessible(IllegalAccessException e) {
        return new IllegalStateException("field " + describe() + " became inaccessible after analysis", e);
    }

    private String describe() {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }
}
