package io.spindle.serialization;

import io.spindle.api.tuple.Tuple2;
import io.spindle.api.tuple.Tuple3;
import io.spindle.api.tuple.Tuple4;
import io.spindle.api.tuple.Tuple5;
import java.io.IOException;
import java.io.Serial;

/**
 * Tuples by direct field access. Tuple fields are generic, erased to Object, so each field goes
 * through the dynamic encoding: the same bytes the {@link RecordEncoder} writes after a tuple tag.
 */
final class TupleSerializers {
    static final TypeSerializer<Object> TUPLE2 = asObjectSerializer(new Tuple2Serializer());
    static final TypeSerializer<Object> TUPLE3 = asObjectSerializer(new Tuple3Serializer());
    static final TypeSerializer<Object> TUPLE4 = asObjectSerializer(new Tuple4Serializer());
    static final TypeSerializer<Object> TUPLE5 = asObjectSerializer(new Tuple5Serializer());

    private TupleSerializers() {}

    @SuppressWarnings("unchecked")
    private static TypeSerializer<Object> asObjectSerializer(TypeSerializer<?> serializer) {
        return (TypeSerializer<Object>) serializer;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class Tuple2Serializer extends TypeSerializer<Tuple2> {
        @Serial
        private static final long serialVersionUID = 1L;

        Tuple2Serializer() {
            super(Tuple2.class);
        }

        @Override
        public void serialize(Tuple2 value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
            dynamic.encode(value.f0, out);
            dynamic.encode(value.f1, out);
        }

        @Override
        public Tuple2 deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return new Tuple2<>(dynamic.decode(in), dynamic.decode(in));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class Tuple3Serializer extends TypeSerializer<Tuple3> {
        @Serial
        private static final long serialVersionUID = 1L;

        Tuple3Serializer() {
            super(Tuple3.class);
        }

        @Override
        public void serialize(Tuple3 value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
            dynamic.encode(value.f0, out);
            dynamic.encode(value.f1, out);
            dynamic.encode(value.f2, out);
        }

        @Override
        public Tuple3 deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return new Tuple3<>(dynamic.decode(in), dynamic.decode(in), dynamic.decode(in));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class Tuple4Serializer extends TypeSerializer<Tuple4> {
        @Serial
        private static final long serialVersionUID = 1L;

        Tuple4Serializer() {
            super(Tuple4.class);
        }

        @Override
        public void serialize(Tuple4 value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
            dynamic.encode(value.f0, out);
            dynamic.encode(value.f1, out);
            dynamic.encode(value.f2, out);
            dynamic.encode(value.f3, out);
        }

        @Override
        public Tuple4 deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return new Tuple4<>(dynamic.decode(in), dynamic.decode(in), dynamic.decode(in), dynamic.decode(in));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class Tuple5Serializer extends TypeSerializer<Tuple5> {
        @Serial
        private static final long serialVersionUID = 1L;

        Tuple5Serializer() {
            super(Tuple5.class);
        }

        @Override
        public void serialize(Tuple5 value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
            dynamic.encode(value.f0, out);
            dynamic.encode(value.f1, out);
            dynamic.encode(value.f2, out);
            dynamic.encode(value.f3, out);
            dynamic.encode(value.f4, out);
        }

        @Override
        public Tuple5 deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return new Tuple5<>(dynamic.decode(in), dynamic.decode(in), dynamic.decode(in), dynamic.decode(in),
                    dynamic.decode(in));
        }
    }
}
