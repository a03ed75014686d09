package io.spindle.configuration;

/** A configuration value that is missing, malformed or outside what is allowed. */
public class IllegalConfigurationException extends IllegalArgumentException {
    public IllegalConfigurationException(String message) {
        super(message);
    }
}
