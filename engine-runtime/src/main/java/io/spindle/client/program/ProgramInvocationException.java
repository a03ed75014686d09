package io.spindle.client.program;

/** A user program could not be loaded, or its main() ended with an exception (the cause). */
public class ProgramInvocationException extends Exception {
    public ProgramInvocationException(String message) {
        super(message);
    }

    public ProgramInvocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
