package org.apache.flink.util;

import java.io.Serial;

/**
 * A test stand-in with the serialized form of Flink 1.20's class of this name (see
 * {@link OptionalFailure}).
 */
public final class SerializedThrowable extends Exception {
    @Serial
    private static final long serialVersionUID = 7284183123441947635L;

    private byte[] serializedException;
    private String originalErrorClassName;
    private String fullStringifiedStackTrace;

    public byte[] serializedException() {
        return serializedException;
    }

    public String originalErrorClassName() {
        return originalErrorClassName;
    }

    public String fullStringifiedStackTrace() {
        return fullStringifiedStackTrace;
    }
}
