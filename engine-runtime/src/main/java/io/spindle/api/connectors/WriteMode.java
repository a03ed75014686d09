package io.spindle.api.connectors;

/** What a file sink does when its output file or directory already exists. */
public enum WriteMode {
    /** Fail, leaving the existing output untouched. */
    NO_OVERWRITE,
    /** Replace the existing output. */
    OVERWRITE
}
