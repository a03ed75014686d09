package io.spindle.rest;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** A request the endpoint refuses with a specific status and a message for the user. */
final class RestHandlerException extends RuntimeException {
    private final HttpResponseStatus status;
    private final Map<String, String> headers;

    RestHandlerException(HttpResponseStatus status, String message) {
        this(status, message, Map.of(), null);
    }

    RestHandlerException(HttpResponseStatus status, String message, Throwable cause) {
        this(status, message, Map.of(), cause);
    }

    private RestHandlerException(HttpResponseStatus status, String message, Map<String, String> headers,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.headers = headers;
    }

    /** 405 with the {@code Allow} header listing {@code allowedMethods} (comma-separated). */
    static RestHandlerException methodNotAllowed(String message, String allowedMethods) {
        return new RestHandlerException(HttpResponseStatus.METHOD_NOT_ALLOWED, message,
                Map.of(HttpHeaderNames.ALLOW.toString(), allowedMethods), null);
    }

    static RestHandlerException badRequest(String message) {
        return new RestHandlerException(HttpResponseStatus.BAD_REQUEST, message);
    }

    HttpResponseStatus status() {
        return status;
    }

    /** Extra response headers the status needs. */
    Map<String, String> headers() {
        return headers;
    }
}
