package io.spindle.rpc;

/**
 * A failed RPC call as seen by the caller. When the remote handler itself failed, the remote
 * exception's class name and stack trace text are kept (the exception object is not shipped, so
 * the caller needs none of the remote side's classes).
 */
public class RpcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String remoteExceptionClass;
    private final String remoteStackTrace;
    private final String remoteMessage;

    public RpcException(String message) {
        this(message, null, null, null);
    }

    public RpcException(String message, Throwable cause) {
        this(message, cause, null, null, null);
    }

    /** A failure reported by the remote side; class name and stack trace may be null. */
    public RpcException(String message, String remoteExceptionClass, String remoteStackTrace) {
        this(message, null, remoteExceptionClass, remoteStackTrace, null);
    }

    /** A failure reported by the remote side, with the remote exception's own message. */
    public RpcException(String message, String remoteExceptionClass, String remoteStackTrace, String remoteMessage) {
        this(message, null, remoteExceptionClass, remoteStackTrace, remoteMessage);
    }

    private RpcException(String message, Throwable cause, String remoteExceptionClass, String remoteStackTrace,
            String remoteMessage) {
        super(message, cause);
        this.remoteExceptionClass = remoteExceptionClass;
        this.remoteStackTrace = remoteStackTrace;
        this.remoteMessage = remoteMessage;
    }

    /** The remote exception's own message (what a user should read), or null if the failure was local. */
    public String getRemoteMessage() {
        return remoteMessage;
    }

    /** Class name of the exception thrown by the remote handler, or null if the failure was local. */
    public String getRemoteExceptionClass() {
        return remoteExceptionClass;
    }

    /** Stack trace text of the remote handler's exception, or null if the failure was local. */
    public String getRemoteStackTrace() {
        return remoteStackTrace;
    }
}
