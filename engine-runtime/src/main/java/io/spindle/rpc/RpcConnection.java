package io.spindle.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.spindle.rpc.proto.FencingToken;
import io.spindle.rpc.proto.RpcError;
import io.spindle.rpc.proto.RpcRequest;
import io.spindle.rpc.proto.RpcResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one TCP connection to a remote RpcService: sends requests, matches
 * responses to pending calls by call id, and fails every pending call at once when the
 * connection goes away.
 */
final class RpcConnection extends SimpleChannelInboundHandler<RpcResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(RpcConnection.class);

    private final Channel channel;
    private final InetSocketAddress remoteAddress;
    private final int maxFrameSize;
    private final AtomicLong nextCallId = new AtomicLong();
    private final ConcurrentHashMap<Long, PendingCall> pendingCalls = new ConcurrentHashMap<>();
    private final List<Runnable> disconnectListeners = new ArrayList<>();

    /** Why the connection closed; null while it is open. Guarded by {@code disconnectListeners}. */
    private RpcConnectionException closeReason;

    RpcConnection(Channel channel, InetSocketAddress remoteAddress, int maxFrameSize) {
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.maxFrameSize = maxFrameSize;
    }

    InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    boolean isOpen() {
        synchronized (disconnectListeners) {
            return closeReason == null && channel.isActive();
        }
    }

    <R extends Message> CompletableFuture<R> call(
            String endpointId, UUID fencingToken, String method, Message request, Parser<R> parser, Duration timeout) {
        CompletableFuture<R> result = new CompletableFuture<>();
        RpcRequest.Builder envelope = RpcRequest.newBuilder()
                .setEndpointId(endpointId)
                .setMethod(method)
                .setPayload(request.toByteString());
        if (fencingToken != null) {
            envelope.setFencingToken(toProto(fencingToken));
        }
        long callId = nextCallId.incrementAndGet();
        RpcRequest frame = envelope.setCallId(callId).build();
        int size = frame.getSerializedSize();
        if (size > maxFrameSize) {
            result.completeExceptionally(new RpcException("request of call '" + method + "' to endpoint '" + endpointId
                    + "' is " + size + " bytes, larger than the RPC frame limit of " + maxFrameSize
                    + " bytes; send less data per call or raise RpcOptions.maxFrameSize on both sides"));
            return result;
        }
        PendingCall pending = new PendingCall(endpointId, method, parser, result);
        pendingCalls.put(callId, pending);
        RpcConnectionException closed = currentCloseReason();
        if (closed != null) {
            // close() may have drained the map before our put; make sure this call does not hang
            failPending(callId, closed);
            return result;
        }
        try {
            pending.timeoutTask = channel.eventLoop().schedule(
                    () -> failPending(callId, new RpcTimeoutException("call '" + method + "' to endpoint '"
                            + endpointId + "' at " + RpcService.format(remoteAddress) + " timed out after "
                            + timeout.toMillis() + " ms")),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the I/O threads stopped: the owning RpcService is closing
            failPending(callId, new RpcConnectionException("cannot call '" + method + "' at "
                    + RpcService.format(remoteAddress) + ": the local RpcService is closed", e));
            return result;
        }
        channel.writeAndFlush(frame).addListener(write -> {
            if (!write.isSuccess()) {
                failPending(callId, new RpcConnectionException("could not send call '" + method + "' to "
                        + RpcService.format(remoteAddress) + ": " + write.cause(), write.cause()));
            }
        });
        return result;
    }

    void addDisconnectListener(Runnable listener) {
        synchronized (disconnectListeners) {
            if (closeReason == null) {
                disconnectListeners.add(listener);
                return;
            }
        }
        runListener(listener);
    }

    /** Closes the connection; pending calls fail with {@code reason}. */
    void close(RpcConnectionException reason) {
        markClosed(reason);
        channel.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RpcResponse response) {
        PendingCall pending = pendingCalls.remove(response.getCallId());
        if (pending == null) {
            LOG.debug("Dropping response to call {} from {}: it timed out or was failed already",
                    response.getCallId(), remoteAddress);
            return;
        }
        pending.cancelTimeout();
        if (response.hasError()) {
            pending.result.completeExceptionally(toException(response.getError(), pending));
        } else {
            pending.complete(response.getPayload(), remoteAddress);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing RPC connection to {} after an error", remoteAddress, cause);
        close(new RpcConnectionException("connection to " + RpcService.format(remoteAddress)
                + " failed: " + cause.getMessage(), cause));
    }

    private void markClosed(RpcConnectionException reason) {
        List<Runnable> listeners;
        synchronized (disconnectListeners) {
            if (closeReason != null) {
                return;
            }
            closeReason = reason;
            listeners = new ArrayList<>(disconnectListeners);
            disconnectListeners.clear();
        }
        for (Long callId : new ArrayList<>(pendingCalls.keySet())) {
            failPending(callId, reason);
        }
        listeners.forEach(RpcConnection::runListener);
    }

    private RpcConnectionException currentCloseReason() {
        synchronized (disconnectListeners) {
            return closeReason;
        }
    }

    private void failPending(long callId, RpcException failure) {
        PendingCall pending = pendingCalls.remove(callId);
        if (pending != null) {
            pending.cancelTimeout();
            pending.result.completeExceptionally(failure);
        }
    }

    private RpcException toException(RpcError error, PendingCall call) {
        return switch (error.getKind()) {
            case UNKNOWN_ENDPOINT -> new UnknownEndpointException(error.getMessage());
            case UNKNOWN_METHOD -> new UnknownMethodException(error.getMessage());
            case FENCING_TOKEN_MISMATCH -> new FencingTokenException(error.getMessage());
            default -> new RpcException("call '" + call.method + "' to endpoint '" + call.endpointId + "' at "
                    + RpcService.format(remoteAddress) + " failed: " + error.getExceptionClass() + ": "
                    + error.getMessage(), error.getExceptionClass(), error.getStackTrace(), error.getMessage());
        };
    }

    private static void runListener(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.error("RPC disconnect listener {} failed", listener, e);
        }
    }

    static FencingToken toProto(UUID token) {
        return FencingToken.newBuilder()
                .setMostSignificantBits(token.getMostSignificantBits())
                .setLeastSignificantBits(token.getLeastSignificantBits())
                .build();
    }

    /** A call waiting for its response; the parser is kept to decode the payload with its type. */
    private static final class PendingCall {
        final String endpointId;
        final String method;
        final Parser<? extends Message> parser;
        final CompletableFuture<? extends Message> result;
        volatile ScheduledFuture<?> timeoutTask;

        <R extends Message> PendingCall(
                String endpointId, String method, Parser<R> parser, CompletableFuture<R> result) {
            this.endpointId = endpointId;
            this.method = method;
            this.parser = parser;
            this.result = result;
        }

        void cancelTimeout() {
            ScheduledFuture<?> task = timeoutTask;
            if (task != null) {
                task.cancel(false);
            }
        }

        @SuppressWarnings("unchecked")
        void complete(ByteString payload, InetSocketAddress remoteAddress) {
            CompletableFuture<Message> typed = (CompletableFuture<Message>) result;
            try {
                typed.complete(parser.parseFrom(payload));
            } catch (InvalidProtocolBufferException e) {
                typed.completeExceptionally(new RpcException("response of call '" + method + "' to endpoint '"
                        + endpointId + "' at " + RpcService.format(remoteAddress)
                        + " does not parse with the given response parser: " + e.getMessage(), e));
            }
        }
    }
}
