package io.spindle.rpc;

/**
 * The remote endpoint does not handle the called method. Endpoints throw it from handleCall for
 * methods they do not know.
 */
public class UnknownMethodException extends RpcException {
    private static final long serialVersionUID = 1L;

    public UnknownMethodException(String message) {
        super(message);
    }

    public UnknownMethodException(String message, Throwable cause) {
        super(message, cause);
    }
}
