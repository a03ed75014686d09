package io.spindle.rpc;

/**
 * A call to a fenced endpoint carried a fencing token other than the endpoint's current one (or
 * none), or the endpoint is not leader at all. The message names the expected and the received
 * token.
 */
public class FencingTokenException extends RpcException {
    private static final long serialVersionUID = 1L;

    public FencingTokenException(String message) {
        super(message);
    }

    public FencingTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
