package org.apache.flink.util;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * A test stand-in with the serialized form of Flink 1.20's class of this name (fields,
 * serialVersionUID, custom data), so the engine's tests can read what Spindle writes for Flink's
 * client without Flink on the class path. The it-tests read it with Flink's own class.
 */
public final class OptionalFailure implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private transient Object value;
    private Throwable failureCause;

    public Object value() {
        return value;
    }

    public Throwable failureCause() {
        return failureCause;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        value = in.readObject();
    }
}
