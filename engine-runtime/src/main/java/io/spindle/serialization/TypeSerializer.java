package io.spindle.serialization;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Writes and reads non-null values of one type as bytes, never through Java serialization.
 * Obtain instances from {@link TypeSerializers#forClass}.
 *
 * <p>Parts of a value whose class is not fixed by the type (fields of type Object, interfaces,
 * generics, collection elements) are written in the dynamic encoding of a {@link RecordEncoder},
 * and read by the matching {@link RecordDecoder}. Pass the stream's encoder and decoder so that
 * those parts share its class dictionary; the two-argument methods use a fresh pair per value,
 * which makes each value self-contained (as keyed state needs) at the cost of repeating class
 * names.
 *
 * <p>Instances are immutable and may be shared by threads. A serializer is {@link Serializable}
 * so it can travel inside a job graph: it is written as its type's name and analysed again where
 * it is read.
 */
public abstract class TypeSerializer<T> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    protected TypeSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The class this serializer was made for. */
    public final Class<T> getType() {
        return type;
    }

    /** Writes {@code value}, which must not be null; dynamic parts go through {@code dynamic}. */
    public abstract void serialize(T value, DataOutputSerializer out, RecordEncoder dynamic) throws IOException;

    /** Reads a value written by {@link #serialize(Object, DataOutputSerializer, RecordEncoder)}. */
    public abstract T deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException;

    /** Writes {@code value} (not null) so that it can be read on its own. */
    public final void serialize(T value, DataOutputSerializer out) throws IOException {
        serialize(value, out, new RecordEncoder());
    }

    /**
     * Reads a value written by {@link #serialize(Object, DataOutputSerializer)}. Classes named in
     * the bytes are resolved by the thread's context class loader (the task thread's is the user
     * class loader), or by this serializer's type's loader if there is none.
     */
    public final T deserialize(DataInputDeserializer in) throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        }
        return deserialize(in, new RecordDecoder(loader));
    }

    @Serial
    protected final Object writeReplace() throws ObjectStreamException {
        return new SerializedForm(type);
    }

    /** What goes into a Java-serialized job graph: the type only, analysed again on read. */
    private record SerializedForm(Class<?> type) implements Serializable {
        @Serial
        private Object readResolve() throws ObjectStreamException {
            return TypeSerializers.forClass(type);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + type.getName() + ">";
    }
}
