package io.spindle.runtime.checkpoint;

import java.util.Objects;

/** A checkpoint that was not taken or did not complete, with the reason why. */
public class CheckpointException extends Exception {
    private final CheckpointFailureReason reason;

    public CheckpointException(CheckpointFailureReason reason, String message) {
        this(reason, message, null);
    }

    public CheckpointException(CheckpointFailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public CheckpointFailureReason getReason() {
        return reason;
    }
}
