package io.spindle.client.cli;

import io.spindle.api.InvalidProgramException;
import io.spindle.client.rest.RestClientException;

/**
 * The one line the CLI prints for an error: the error's own message, followed by the root cause
 * when the message does not already say it (a failed job's message names the job; the user's
 * exception that made it fail is the root cause). A REST failure anywhere in the chain is
 * reported by its own message alone.
 */
final class ErrorLine {
    private ErrorLine() {}

    static String describe(Throwable error) {
        // A cluster that cannot be reached or refuses a request is the reason, however deep in a
        // program's failure it surfaced, and the REST client's message already says what to check.
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof RestClientException) {
                return firstLine(current.getMessage());
            }
        }
        String line = firstLine(text(error));
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            String rootText = firstLine(text(root));
            String rootMessage = root.getMessage() == null ? rootText : firstLine(root.getMessage());
            if (!line.contains(rootMessage)) {
                line += " (caused by " + rootText + ")";
            }
        }
        return line;
    }

    /** The message, or the class name too when the message alone would not say what went wrong. */
    private static String text(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getName();
        }
        boolean selfExplaining = error instanceof Exception && !(error instanceof RuntimeException)
                || error instanceof IllegalArgumentException || error instanceof IllegalStateException
                || error instanceof InvalidProgramException;
        return selfExplaining ? message : error.getClass().getName() + ": " + message;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }
}
