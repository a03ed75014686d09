package io.spindle.rpc;

/**
 * The connection to the remote RpcService could not be made, or was lost while the call was
 * pending. Connect again to retry.
 */
public class RpcConnectionException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcConnectionException(String message) {
        super(message);
    }

    public RpcConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
