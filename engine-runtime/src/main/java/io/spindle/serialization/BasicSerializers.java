package io.spindle.serialization;

import java.io.IOException;
import java.io.Serial;

/** Serializers for the boxed primitives and String: fixed-width big-endian values, no tags. */
final class BasicSerializers {
    static final TypeSerializer<Long> LONG = new LongSerializer();
    static final TypeSerializer<Integer> INTEGER = new IntegerSerializer();
    static final TypeSerializer<Short> SHORT = new ShortSerializer();
    static final TypeSerializer<Byte> BYTE = new ByteSerializer();
    static final TypeSerializer<Double> DOUBLE = new DoubleSerializer();
    static final TypeSerializer<Float> FLOAT = new FloatSerializer();
    static final TypeSerializer<Boolean> BOOLEAN = new BooleanSerializer();
    static final TypeSerializer<Character> CHARACTER = new CharacterSerializer();
    static final TypeSerializer<String> STRING = new StringSerializer();

    private BasicSerializers() {}

    private static final class LongSerializer extends TypeSerializer<Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        LongSerializer() {
            super(Long.class);
        }

        @Override
        public void serialize(Long value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeLong(value);
        }

        @Override
        public Long deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readLong();
        }
    }

    private static final class IntegerSerializer extends TypeSerializer<Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        IntegerSerializer() {
            super(Integer.class);
        }

        @Override
        public void serialize(Integer value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeInt(value);
        }

        @Override
        public Integer deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readInt();
        }
    }

    private static final class ShortSerializer extends TypeSerializer<Short> {
        @Serial
        private static final long serialVersionUID = 1L;

        ShortSerializer() {
            super(Short.class);
        }

        @Override
        public void serialize(Short value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeShort(value);
        }

        @Override
        public Short deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readShort();
        }
    }

    private static final class ByteSerializer extends TypeSerializer<Byte> {
        @Serial
        private static final long serialVersionUID = 1L;

        ByteSerializer() {
            super(Byte.class);
        }

        @Override
        public void serialize(Byte value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.write(value);
        }

        @Override
        public Byte deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readByte();
        }
    }

    private static final class DoubleSerializer extends TypeSerializer<Double> {
        @Serial
        private static final long serialVersionUID = 1L;

        DoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeDouble(value);
        }

        @Override
        public Double deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readDouble();
        }
    }

    private static final class FloatSerializer extends TypeSerializer<Float> {
        @Serial
        private static final long serialVersionUID = 1L;

        FloatSerializer() {
            super(Float.class);
        }

        @Override
        public void serialize(Float value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeFloat(value);
        }

        @Override
        public Float deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readFloat();
        }
    }

    private static final class BooleanSerializer extends TypeSerializer<Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;

        BooleanSerializer() {
            super(Boolean.class);
        }

        @Override
        public void serialize(Boolean value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeBoolean(value);
        }

        @Override
        public Boolean deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readBoolean();
        }
    }

    private static final class CharacterSerializer extends TypeSerializer<Character> {
        @Serial
        private static final long serialVersionUID = 1L;

        CharacterSerializer() {
            super(Character.class);
        }

        @Override
        public void serialize(Character value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeChar(value);
        }

        @Override
        public Character deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readChar();
        }
    }

    /** Also accepts null, which {@link DataOutputSerializer#writeString} encodes in its header. */
    private static final class StringSerializer extends TypeSerializer<String> {
        @Serial
        private static final long serialVersionUID = 1L;

        StringSerializer() {
            super(String.class);
        }

        @Override
        public void serialize(String value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeString(value);
        }

        @Override
        public String deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readString();
        }
    }
}
