package io.spindle.yarn.client.cli;

/** A command line of {@code yarn-session.sh} that cannot be run as given; the message says what to change. */
public final class SessionCliUsageException extends Exception {
    public SessionCliUsageException(String message) {
        super(message);
    }
}
