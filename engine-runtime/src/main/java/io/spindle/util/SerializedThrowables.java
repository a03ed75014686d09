package io.spindle.util;

import com.google.protobuf.ByteString;
import io.spindle.runtime.messages.SerializedFailure;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Carries a failure across processes: the Throwable itself when it can be Java-serialized (so
 * the client can rethrow the user's own exception), and always its class, message and stack
 * trace as text, for a user exception whose class the client cannot load.
 */
public final class SerializedThrowables {
    private SerializedThrowables() {}

    public static SerializedFailure toProto(Throwable throwable) {
        SerializedFailure.Builder builder = SerializedFailure.newBuilder()
                .setClassName(throwable.getClass().getName())
                .setMessage(String.valueOf(throwable.getMessage()))
                .setStackTrace(stackTraceOf(throwable));
        try {
            builder.setJavaSerialized(ByteString.copyFrom(InstantiationUtil.serializeObject(throwable)));
        } catch (Exception | LinkageError notSerializable) {
            // The text form above still tells the user what happened.
        }
        return builder.build();
    }

    /** The original Throwable if it deserializes with the class loader, else a stand-in with the same text. */
    public static Throwable fromProto(SerializedFailure failure, ClassLoader classLoader) {
        if (!failure.getJavaSerialized().isEmpty()) {
            try {
                return InstantiationUtil.deserializeObject(failure.getJavaSerialized().toByteArray(), classLoader);
            } catch (Exception | LinkageError ignored) {
                // Fall back to the text form.
            }
        }
        return new RemoteFailureException(failure.getClassName(), failure.getMessage(), failure.getStackTrace());
    }

    public static String stackTraceOf(Throwable throwable) {
        StringWriter writer = new StringWriter();
        throwable.printStackTrace(new PrintWriter(writer));
        return writer.toString();
    }

    /** A failure whose original class is not available here; keeps its name, message and stack trace. */
    public static final class RemoteFailureException extends RuntimeException {
        private final String originalClassName;
        private final String remoteStackTrace;

        public RemoteFailureException(String originalClassName, String message, String remoteStackTrace) {
            super(originalClassName + ": " + message);
            this.originalClassName = originalClassName;
            this.remoteStackTrace = remoteStackTrace;
        }

        public String getOriginalClassName() {
            return originalClassName;
        }

        public String getRemoteStackTrace() {
            return remoteStackTrace;
        }
    }
}
