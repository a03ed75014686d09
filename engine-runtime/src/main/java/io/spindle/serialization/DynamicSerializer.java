package io.spindle.serialization;

import java.io.IOException;
import java.io.Serial;

/**
 * For declared types that do not fix the runtime class (Object, interfaces, abstract classes):
 * the value is written in the dynamic encoding, tag included.
 */
final class DynamicSerializer<T> extends TypeSerializer<T> {
    @Serial
    private static final long serialVersionUID = 1L;

    DynamicSerializer(Class<T> declaredType) {
        super(declaredType);
    }

    @Override
    public void serialize(T value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
        dynamic.encode(value, out);
    }

    @Override
    public T deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
        Object value = dynamic.decode(in);
        if (value != null && !getType().isInstance(value)) {
            throw new IOException("expected a " + getType().getName() + " but the stream holds a "
                    + value.getClass().getName());
        }
        return getType().cast(value);
    }
}
