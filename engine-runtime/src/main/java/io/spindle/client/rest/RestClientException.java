package io.spindle.client.rest;

/**
 * A REST call failed: the endpoint could not be reached (status -1), or it answered with an error
 * (the HTTP status, and the endpoint's own message as this exception's message).
 */
public class RestClientException extends RuntimeException {
    private final int httpStatus;

    public RestClientException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the error answer, or -1 when no answer came. */
    public int getHttpStatus() {
        return httpStatus;
    }
}
