package io.spindle.rpc;

/**
 * No endpoint with the called id is registered at the remote RpcService (never started, or
 * already closed).
 */
public class UnknownEndpointException extends RpcException {
    private static final long serialVersionUID = 1L;

    public UnknownEndpointException(String message) {
        super(message);
    }

    public UnknownEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
