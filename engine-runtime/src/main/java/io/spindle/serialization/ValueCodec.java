package io.spindle.serialization;

import java.io.IOException;

/**
 * How a nested reference value (a field, a record component, an array element) of a declared
 * type is written, null included. A declared type that fixes the runtime class (a final class,
 * an enum, an array of such) needs no tag: a presence byte and its serializer. Any other
 * declared type goes through the stream's dynamic encoding, whose tag also covers null.
 */
abstract class ValueCodec {
    abstract void write(Object value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException;

    abstract Object read(DataInputDeserializer in, RecordDecoder dynamic) throws IOException;

    static ValueCodec forDeclaredType(Class<?> declared) {
        if (declared == String.class) {
            return StringCodec.INSTANCE;
        }
        if (TypeSerializers.fixesRuntimeClass(declared)) {
            return new ExactCodec(declared);
        }
        return DynamicCodec.INSTANCE;
    }

    /** Null fits in the string header, so strings need no presence byte. */
    private static final class StringCodec extends ValueCodec {
        static final StringCodec INSTANCE = new StringCodec();

        @Override
        void write(Object value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeString((String) value);
        }

        @Override
        Object read(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return in.readString();
        }
    }

    private static final class ExactCodec extends ValueCodec {
        private static final int ABSENT = 0;
        private static final int PRESENT = 1;

        private final Class<?> type;
        // Resolved on first use: a type may contain itself (a linked node), and analysing it
        // eagerly would recurse forever. Racing threads resolve the same cached instance.
        private TypeSerializer<Object> serializer;

        ExactCodec(Class<?> type) {
            this.type = type;
        }

        @SuppressWarnings("unchecked")
        private TypeSerializer<Object> serializer() {
            TypeSerializer<Object> s = serializer;
            if (s == null) {
                s = (TypeSerializer<Object>) TypeSerializers.forClass(type);
                serializer = s;
            }
            return s;
        }

        @Override
        void write(Object value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
            if (value == null) {
                out.write(ABSENT);
            } else {
                out.write(PRESENT);
                serializer().serialize(value, out, dynamic);
            }
        }

        @Override
        Object read(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            int presence = in.readByte();
            if (presence == ABSENT) {
                return null;
            }
            if (presence != PRESENT) {
                throw new IOException("corrupt record: presence byte " + presence + " for a " + type.getName());
            }
            return serializer().deserialize(in, dynamic);
        }
    }

    private static final class DynamicCodec extends ValueCodec {
        static final DynamicCodec INSTANCE = new DynamicCodec();

        @Override
        void write(Object value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
            dynamic.encode(value, out);
        }

        @Override
        Object read(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return dynamic.decode(in);
        }
    }
}
