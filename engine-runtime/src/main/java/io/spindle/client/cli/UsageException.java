package io.spindle.client.cli;

/** The command line is wrong (unknown verb or option, missing or invalid argument); exit code 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
