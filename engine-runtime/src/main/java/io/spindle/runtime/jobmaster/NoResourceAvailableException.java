package io.spindle.runtime.jobmaster;

/** The cluster could not provide the slots a job needs in time. */
public class NoResourceAvailableException extends RuntimeException {
    public NoResourceAvailableException(String message) {
        super(message);
    }
}
