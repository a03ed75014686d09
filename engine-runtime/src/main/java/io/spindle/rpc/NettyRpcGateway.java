package io.spindle.rpc;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A gateway to one endpoint over a (shared) {@link RpcConnection}. */
final class NettyRpcGateway implements RpcGateway {
    private final RpcConnection connection;
    private final String endpointId;
    private final Duration defaultTimeout;

    NettyRpcGateway(RpcConnection connection, String endpointId, Duration defaultTimeout) {
        this.connection = connection;
        this.endpointId = endpointId;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public <R extends Message> CompletableFuture<R> call(String method, Message request, Parser<R> responseParser) {
        return call(method, request, responseParser, defaultTimeout);
    }

    @Override
    public <R extends Message> CompletableFuture<R> call(
            String method, Message request, Parser<R> responseParser, Duration timeout) {
        return send(null, method, request, responseParser, timeout);
    }

    @Override
    public <R extends Message> CompletableFuture<R> callFenced(
            UUID fencingToken, String method, Message request, Parser<R> responseParser) {
        return callFenced(fencingToken, method, request, responseParser, defaultTimeout);
    }

    @Override
    public <R extends Message> CompletableFuture<R> callFenced(
            UUID fencingToken, String method, Message request, Parser<R> responseParser, Duration timeout) {
        Objects.requireNonNull(fencingToken, "fencingToken: use call(...) for unfenced calls");
        return send(fencingToken, method, request, responseParser, timeout);
    }

    private <R extends Message> CompletableFuture<R> send(
            UUID token, String method, Message request, Parser<R> parser, Duration timeout) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(parser, "responseParser");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive, got " + timeout);
        }
        return connection.call(endpointId, token, method, request, parser, timeout);
    }

    @Override
    public InetSocketAddress getAddress() {
        return connection.remoteAddress();
    }

    @Override
    public String getEndpointId() {
        return endpointId;
    }

    @Override
    public boolean isConnected() {
        return connection.isOpen();
    }

    @Override
    public void addDisconnectListener(Runnable listener) {
        connection.addDisconnectListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public String toString() {
        return "RpcGateway(" + endpointId + "@" + RpcService.format(getAddress()) + ")";
    }
}
