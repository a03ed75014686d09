package io.spindle.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netty.channel.Channel;
import io.spindle.rpc.proto.RpcError;
import io.spindle.rpc.proto.RpcErrorKind;
import io.spindle.rpc.proto.RpcRequest;
import io.spindle.rpc.proto.RpcResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A request received by the server side, and the way to answer it on its connection. */
final class IncomingCall {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingCall.class);

    private final Channel channel;
    private final RpcRequest request;
    private final int maxFrameSize;

    IncomingCall(Channel channel, RpcRequest request, int maxFrameSize) {
        this.channel = channel;
        this.request = request;
        this.maxFrameSize = maxFrameSize;
    }

    String method() {
        return request.getMethod();
    }

    ByteString payload() {
        return request.getPayload();
    }

    /** The caller's fencing token, or null for an unfenced call. */
    UUID fencingToken() {
        if (!request.hasFencingToken()) {
            return null;
        }
        return new UUID(request.getFencingToken().getMostSignificantBits(),
                request.getFencingToken().getLeastSignificantBits());
    }

    /** Sends the handler's outcome: {@code response} if {@code failure} is null. */
    void complete(Message response, Throwable failure) {
        if (failure != null) {
            fail(failure);
        } else if (response == null) {
            fail(new IllegalStateException("the handler of method '" + method()
                    + "' completed its future with null; complete it with a message (e.g. Empty)"));
        } else {
            RpcResponse frame = RpcResponse.newBuilder()
                    .setCallId(request.getCallId())
                    .setPayload(response.toByteString())
                    .build();
            if (frame.getSerializedSize() > maxFrameSize) {
                fail(new IllegalStateException("the response to method '" + method() + "' is "
                        + frame.getSerializedSize() + " bytes, larger than the RPC frame limit of " + maxFrameSize
                        + " bytes; return less data per call or raise RpcOptions.maxFrameSize on both sides"));
                return;
            }
            send(frame);
        }
    }

    void fail(Throwable failure) {
        Throwable cause = unwrap(failure);
        RpcError error = RpcError.newBuilder()
                .setKind(kindOf(cause))
                .setExceptionClass(cause.getClass().getName())
                .setMessage(String.valueOf(cause.getMessage()))
                .setStackTrace(stackTraceOf(cause))
                .build();
        send(RpcResponse.newBuilder().setCallId(request.getCallId()).setError(error).build());
    }

    private void send(RpcResponse frame) {
        channel.writeAndFlush(frame).addListener(write -> {
            if (!write.isSuccess()) {
                LOG.debug("Could not answer call '{}' to endpoint '{}'; the caller is gone",
                        method(), request.getEndpointId(), write.cause());
            }
        });
    }

    private static RpcErrorKind kindOf(Throwable cause) {
        if (cause instanceof FencingTokenException) {
            return RpcErrorKind.FENCING_TOKEN_MISMATCH;
        } else if (cause instanceof UnknownMethodException) {
            return RpcErrorKind.UNKNOWN_METHOD;
        } else if (cause instanceof UnknownEndpointException) {
            return RpcErrorKind.UNKNOWN_ENDPOINT;
        }
        return RpcErrorKind.REMOTE_FAILURE;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String stackTraceOf(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
