package io.spindle.runtime.state;

import io.spindle.serialization.DataInputDeserializer;
import io.spindle.serialization.DataOutputSerializer;
import io.spindle.serialization.RecordDecoder;
import io.spindle.serialization.RecordEncoder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;

/**
 * Deep copies of state values, for the copy-on-write snapshots of the heap backend: a value that
 * a live snapshot still has to write is copied before user code gets it, since user code may
 * change the object in place. Immutable values are returned as they are; anything else goes
 * through the engine's serializer, which copies it whole, whatever its class. One copier per
 * backend, used by the task thread only; encoder and decoder see the same stream, so their
 * class dictionaries stay in step across copies.
 */
final class StateValueCopier {
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Long.class, Integer.class, Short.class,
            Byte.class, Character.class, Boolean.class, Double.class, Float.class, BigInteger.class, BigDecimal.class,
            VoidNamespace.class);

    private final RecordEncoder encoder = new RecordEncoder();
    private final RecordDecoder decoder;
    private final DataOutputSerializer buffer = new DataOutputSerializer(256);
    private final DataInputDeserializer input = new DataInputDeserializer();

    StateValueCopier(ClassLoader userClassLoader) {
        this.decoder = new RecordDecoder(userClassLoader);
    }

    @SuppressWarnings("unchecked")
    <V> V copy(V value) {
        if (value == null || IMMUTABLE.contains(value.getClass()) || value instanceof Enum<?>) {
            return value;
        }
        buffer.clear();
        try {
            encoder.encode(value, buffer);
            input.setBuffer(buffer.getSharedBuffer(), 0, buffer.length());
            return (V) decoder.decode(input);
        } catch (IOException | RuntimeException e) {
            encoder.reset();
            decoder.reset();
            throw new IllegalStateException("Could not copy a state value of " + value.getClass().getName()
                    + " while a checkpoint is being written: " + e.getMessage(), e);
        }
    }
}
