package io.spindle.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Java-serialized forms of the two Flink classes that Flink's REST client expects as bytes in
 * JSON: {@code org.apache.flink.util.OptionalFailure} (accumulator values of
 * {@code /jobs/:jobid/accumulators} and {@code /jobs/:jobid/execution-result}) and
 * {@code org.apache.flink.util.SerializedThrowable} (the {@code failure-cause} of a job result).
 *
 * <p>Spindle has no Flink classes, so it serializes look-alike classes with the same serialized
 * fields and writes their class descriptors under Flink's class names and serialVersionUIDs (those
 * of Flink 1.20); a Flink client then reads them as its own classes.
 */
final class FlinkSerializedForms {
    private FlinkSerializedForms() {}

    /** The serialized form of {@code OptionalFailure.of(value)}. */
    static byte[] optionalFailureOf(Serializable value) {
        return serialize(new OptionalFailureForm(value));
    }

    /**
     * The serialized form of a {@code SerializedThrowable} of a failure Spindle recorded:
     * {@code javaSerialized} are the bytes of the original exception (may be empty), which a Flink
     * client deserializes when it has the class and otherwise keeps the text.
     */
    static byte[] serializedThrowableOf(String className, String message, String stackTrace, byte[] javaSerialized) {
        return serialize(new SerializedThrowableForm(className, message, stackTrace, javaSerialized));
    }

    /** Flink's {@code OptionalFailure}: the failure is a serialized field, the value follows as object data. */
    static final class OptionalFailureForm implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final Throwable failureCause = null;
        private final transient Serializable value;

        OptionalFailureForm(Serializable value) {
            this.value = value;
        }

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeObject(value);
        }
    }

    /** Flink's {@code SerializedThrowable}: an Exception with the original's bytes, class name and stack trace. */
    static final class SerializedThrowableForm extends Exception {
        @Serial
        private static final long serialVersionUID = 7284183123441947635L;

        private final byte[] serializedException;
        private final String originalErrorClassName;
        private final String fullStringifiedStackTrace;

        SerializedThrowableForm(String className, String message, String stackTrace, byte[] javaSerialized) {
            // Flink's message names the original class, as Throwable.toString() would.
            super(message == null || message.isEmpty() ? className : className + ": " + message, null, false, true);
            this.serializedException = javaSerialized;
            this.originalErrorClassName = className;
            this.fullStringifiedStackTrace = stackTrace;
            setStackTrace(new StackTraceElement[0]);
        }
    }

    private static final Map<Class<?>, FlinkClass> FLINK_CLASSES = Map.of(
            OptionalFailureForm.class, new FlinkClass("org.apache.flink.util.OptionalFailure", 1L),
            SerializedThrowableForm.class, new FlinkClass("org.apache.flink.util.SerializedThrowable",
                    7284183123441947635L));

    private record FlinkClass(String name, long serialVersionUid) {}

    private static byte[] serialize(Object form) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new RenamingObjectOutputStream(bytes)) {
            out.writeObject(form);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize " + form.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the class descriptor of a look-alike as the default protocol does, but with Flink's
     * class name and serialVersionUID; every other class is written as usual.
     */
    private static final class RenamingObjectOutputStream extends ObjectOutputStream {
        private static final byte SC_WRITE_METHOD = 0x01;
        private static final byte SC_SERIALIZABLE = 0x02;
        private static final byte SC_BLOCK_DATA = 0x08;

        RenamingObjectOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void writeClassDescriptor(ObjectStreamClass descriptor) throws IOException {
            FlinkClass flinkClass = FLINK_CLASSES.get(descriptor.forClass());
            if (flinkClass == null) {
                super.writeClassDescriptor(descriptor);
                return;
            }
            writeUTF(flinkClass.name());
            writeLong(flinkClass.serialVersionUid());
            byte flags = (byte) (SC_SERIALIZABLE | SC_BLOCK_DATA);
            if (descriptor.forClass() == OptionalFailureForm.class) {
                flags |= SC_WRITE_METHOD;
            }
            writeByte(flags);
            ObjectStreamField[] fields = descriptor.getFields();
            writeShort(fields.length);
            for (ObjectStreamField field : fields) {
                writeByte(field.getTypeCode());
                writeUTF(field.getName());
                if (!field.isPrimitive()) {
                    // As the default protocol's type strings: a String object, shared by handle when repeated.
                    writeObject(field.getTypeString());
                }
            }
        }
    }
}
