package io.spindle.rpc;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The caller's handle on one remote endpoint, obtained from {@link RpcService#connect}. All
 * gateways to the same remote RpcService share one TCP connection; once that connection is
 * lost the gateway stays dead (its calls fail with {@link RpcConnectionException}) and a new one
 * must be obtained with {@code connect}.
 *
 * <p>Thread-safe. Returned futures complete on a Netty I/O thread: never block in a callback
 * attached with the non-async {@code then...} methods; hop to the caller's own main thread with
 * {@code thenAcceptAsync(..., endpoint.getMainThreadExecutor())}. Failures are
 * {@link RpcException}s (or their subclasses) delivered through the future.
 */
public interface RpcGateway {

    /** Calls {@code method} unfenced with the service's default call timeout. */
    <R extends Message> CompletableFuture<R> call(String method, Message request, Parser<R> responseParser);

    /** Calls {@code method} unfenced with its own timeout. */
    <R extends Message> CompletableFuture<R> call(
            String method, Message request, Parser<R> responseParser, Duration timeout);

    /** Calls {@code method} of a fenced endpoint, presenting the leader session {@code fencingToken}. */
    <R extends Message> CompletableFuture<R> callFenced(
            UUID fencingToken, String method, Message request, Parser<R> responseParser);

    /** As {@link #callFenced(UUID, String, Message, Parser)} with its own timeout. */
    <R extends Message> CompletableFuture<R> callFenced(
            UUID fencingToken, String method, Message request, Parser<R> responseParser, Duration timeout);

    /** Address of the remote RpcService. */
    InetSocketAddress getAddress();

    /** Id of the remote endpoint this gateway calls. */
    String getEndpointId();

    /** Whether the shared connection to the remote RpcService is still open. */
    boolean isConnected();

    /**
     * Runs {@code listener} once, on an I/O thread, when the connection is lost (or at once, on
     * the calling thread, if it already is). Listeners must be quick and must not block.
     */
    void addDisconnectListener(Runnable listener);
}
