package io.spindle.runtime.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens and shares one TCP connection per producer TaskManager. Thread-safe. */
final class ConnectionManager {

    private final Bootstrap bootstrap;
    private final int segmentSize;
    private final ConcurrentHashMap<InetSocketAddress, CompletableFuture<ClientConnection>> connections =
            new ConcurrentHashMap<>();
    private final AtomicInteger receiverIds = new AtomicInteger();

    ConnectionManager(EventLoopGroup group, int segmentSize) {
        this.segmentSize = segmentSize;
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    int nextReceiverId() {
        return receiverIds.incrementAndGet();
    }

    CompletableFuture<ClientConnection> connect(InetSocketAddress producer) {
        CompletableFuture<ClientConnection> fresh = new CompletableFuture<>();
        CompletableFuture<ClientConnection> existing = connections.putIfAbsent(producer, fresh);
        if (existing != null) {
            return existing;
        }
        // Connecting outside the map's update: a connect that fails at once removes the entry again.
        open(producer, fresh);
        return fresh;
    }

    private void open(InetSocketAddress producer, CompletableFuture<ClientConnection> result) {
        ClientConnection connection = new ClientConnection(producer, () -> connections.remove(producer, result));
        ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(DataProtocol.frameDecoder(segmentSize), connection);
            }
        }).connect(producer);
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                result.complete(connection);
            } else {
                connections.remove(producer, result);
                result.completeExceptionally(done.cause());
            }
        });
    }

    void closeAll() {
        for (CompletableFuture<ClientConnection> pending : connections.values()) {
            pending.thenAccept(ClientConnection::close);
        }
        connections.clear();
    }
}
