package io.spindle.serialization;

import java.io.IOException;
import java.io.Serial;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Java records: the components in declaration order, read through the record's fields and
 * passed back to its canonical constructor, so the record's own validation runs on decode.
 */
final class JavaRecordSerializer<T> extends TypeSerializer<T> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Constructor<T> canonicalConstructor;
    private final transient FieldCodec[] components;

    private JavaRecordSerializer(Class<T> type, Constructor<T> canonicalConstructor, FieldCodec[] components) {
        super(type);
        this.canonicalConstructor = canonicalConstructor;
        this.components = components;
    }

    static <T> JavaRecordSerializer<T> analyse(Class<T> type) {
        RecordComponent[] recordComponents = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
        FieldCodec[] codecs = new FieldCodec[recordComponents.length];
        try {
            for (int i = 0; i < recordComponents.length; i++) {
                parameterTypes[i] = recordComponents[i].getType();
                codecs[i] = new FieldCodec(FieldwiseSerializer.makeAccessible(type,
                        type.getDeclaredField(recordComponents[i].getName())));
            }
            Constructor<T> constructor = type.getDeclaredConstructor(parameterTypes);
            return new JavaRecordSerializer<>(type, FieldwiseSerializer.makeAccessible(type, constructor), codecs);
        } catch (NoSuchFieldException | NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " lacks a component field or its"
                    + " canonical constructor", e);
        }
    }

    @Override
    public void serialize(T value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException {
        for (FieldCodec component : components) {
            component.write(value, out, dynamic);
        }
    }

    @Override
    public T deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = components[i].readValue(in, dynamic);
        }
        try {
            return canonicalConstructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IOException("the canonical constructor of record " + getType().getName()
                    + " rejected the decoded components", e.getCause());
        } catch (InstantiationException | IllegalAccessException | IllegalArgumentException e) {
            throw new IOException("cannot create record " + getType().getName(), e);
        }
    }
}
