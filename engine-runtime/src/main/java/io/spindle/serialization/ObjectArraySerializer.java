package io.spindle.serialization;

import java.io.IOException;
import java.io.Serial;
import java.lang.reflect.Array;

/** Arrays of references: a varint length, then each element as its component type dictates. */
final class ObjectArraySerializer extends TypeSerializer<Object[]> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Class<?> componentType;
    private final transient ValueCodec elements;

    @SuppressWarnings("unchecked")
    ObjectArraySerializer(Class<?> arrayType) {
        super((Class<Object[]>) arrayType);
        this.componentType = arrayType.getComponentType();
        this.elements = ValueCodec.forDeclaredType(componentType);
    }

    @Override
    public void serialize(Object[] value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
        out.writeVarInt(value.length);
        for (Object element : value) {
            elements.write(element, out, dynamic);
        }
    }

    @Override
    public Object[] deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
        // Every element takes at least one byte.
        Object[] value = (Object[]) Array.newInstance(componentType, PrimitiveArraySerializers.readLength(in, 1));
        for (int i = 0; i < value.length; i++) {
            value[i] = elements.read(in, dynamic);
        }
        return value;
    }
}
