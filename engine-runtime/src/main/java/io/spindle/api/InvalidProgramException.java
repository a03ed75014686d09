package io.spindle.api;

/** The program cannot run as written; the message says what to change. Thrown before anything runs. */
public class InvalidProgramException extends RuntimeException {
    public InvalidProgramException(String message) {
        super(message);
    }

    public InvalidProgramException(String message, Throwable cause) {
        super(message, cause);
    }
}
