package io.spindle.rpc;

import com.google.protobuf.MessageLite;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.spindle.rpc.proto.RpcRequest;
import io.spindle.rpc.proto.RpcResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process-side RPC node: a TCP server hosting any number of {@link RpcEndpoint}s by id, and
 * the client that reaches endpoints of other RpcServices through {@link RpcGateway}s. All
 * gateways to one remote address share a single cached connection; a lost connection is dropped
 * from the cache so that the next {@link #connect} opens a new one.
 *
 * <p>Frames are a 4-byte length followed by an {@code RpcRequest} or {@code RpcResponse}
 * protobuf message (see {@code rpc.proto}), sent with TCP_NODELAY. Thread-safe.
 */
public final class RpcService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcService.class);
    private static final AtomicInteger SERVICE_COUNTER = new AtomicInteger();
    private static final int LENGTH_FIELD_BYTES = 4;

    private final RpcOptions options;
    private final EventLoopGroup eventLoops;
    private final Channel serverChannel;
    private final InetSocketAddress address;
    private final ChannelGroup acceptedChannels;
    private final Bootstrap clientBootstrap;
    private final ConcurrentHashMap<String, RpcEndpoint> endpoints = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetSocketAddress, CompletableFuture<RpcConnection>> connections =
            new ConcurrentHashMap<>();
    private volatile boolean closed;

    private RpcService(RpcOptions options, EventLoopGroup eventLoops, String bindAddress, int port)
            throws RpcException {
        this.options = options;
        this.eventLoops = eventLoops;
        this.acceptedChannels = new DefaultChannelGroup(eventLoops.next());
        ServerCallHandler callHandler = new ServerCallHandler();
        ServerBootstrap server = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        acceptedChannels.add(channel);
                        addCodecs(channel.pipeline(), RpcRequest.getDefaultInstance());
                        channel.pipeline().addLast(callHandler);
                    }
                });
        ChannelFuture bind = server.bind(bindAddress, port).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new RpcException("could not bind the RPC server to " + bindAddress + ":" + port + ": "
                    + bind.cause().getMessage() + "; choose a free port or use port 0 for any", bind.cause());
        }
        this.serverChannel = bind.channel();
        this.address = (InetSocketAddress) serverChannel.localAddress();
        this.clientBootstrap = new Bootstrap()
                .group(eventLoops)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        addCodecs(channel.pipeline(), RpcResponse.getDefaultInstance());
                    }
                });
    }

    /**
     * Starts a service listening on {@code bindAddress:port} ({@code port} 0: any free port; see
     * {@link #getAddress()} for the one chosen).
     *
     * @throws RpcException if the address cannot be bound
     */
    public static RpcService start(String bindAddress, int port, RpcOptions options) throws RpcException {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(options, "options");
        EventLoopGroup eventLoops = new NioEventLoopGroup(options.ioThreads(),
                new DefaultThreadFactory("spindle-rpc-" + SERVICE_COUNTER.incrementAndGet(), true));
        try {
            RpcService service = new RpcService(options, eventLoops, bindAddress, port);
            LOG.info("RPC service listening on {}", format(service.address));
            return service;
        } catch (RpcException | RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The address the server listens on. */
    public InetSocketAddress getAddress() {
        return address;
    }

    public RpcOptions getOptions() {
        return options;
    }

    /**
     * A gateway to endpoint {@code endpointId} of the RpcService at {@code address}, reusing the
     * open connection to that address if there is one. Fails with {@link RpcConnectionException}
     * if no connection can be made. Whether the endpoint exists is checked by each call (unknown
     * ids fail with {@link UnknownEndpointException}).
     */
    public CompletableFuture<RpcGateway> connect(InetSocketAddress address, String endpointId) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(endpointId, "endpointId");
        if (closed) {
            return CompletableFuture.failedFuture(new RpcConnectionException(
                    "cannot connect to " + format(address) + ": the RpcService at " + format(this.address)
                            + " is closed"));
        }
        CompletableFuture<RpcConnection> created = new CompletableFuture<>();
        CompletableFuture<RpcConnection> connection =
                connections.compute(address, (a, existing) -> isUsable(existing) ? existing : created);
        if (connection == created) {
            openConnection(address, created);
        }
        return connection.thenApply(c -> new NettyRpcGateway(c, endpointId, options.callTimeout()));
    }

    /**
     * Stops the server, closes every endpoint still registered and every connection (pending calls
     * fail with {@link RpcConnectionException}), and stops the I/O threads. Idempotent. Blocks
     * until done, so it must not be called on an RPC I/O thread (a disconnect listener or a
     * non-async callback of a call's future); an endpoint's main thread is fine.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        serverChannel.close().awaitUninterruptibly();
        for (RpcEndpoint endpoint : new ArrayList<>(endpoints.values())) {
            endpoint.close();
        }
        RpcConnectionException reason =
                new RpcConnectionException("the RpcService at " + format(address) + " was closed");
        for (CompletableFuture<RpcConnection> connection : connections.values()) {
            connection.thenAccept(c -> c.close(reason));
        }
        acceptedChannels.close().awaitUninterruptibly();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        LOG.info("RPC service at {} closed", format(address));
    }

    void register(RpcEndpoint endpoint) {
        if (closed) {
            throw new IllegalStateException("cannot start endpoint '" + endpoint.getEndpointId()
                    + "': the RpcService at " + format(address) + " is closed");
        }
        RpcEndpoint previous = endpoints.putIfAbsent(endpoint.getEndpointId(), endpoint);
        if (previous != null) {
            throw new IllegalStateException("an endpoint with id '" + endpoint.getEndpointId()
                    + "' is already running at " + format(address) + " (" + previous
                    + "); endpoint ids must be unique within an RpcService");
        }
    }

    void unregister(RpcEndpoint endpoint) {
        endpoints.remove(endpoint.getEndpointId(), endpoint);
    }

    /** {@code host:port} as users write it, without the resolver's {@code host/ip} form. */
    static String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private void addCodecs(ChannelPipeline pipeline, MessageLite inboundType) {
        pipeline.addLast(new LengthFieldBasedFrameDecoder(options.maxFrameSize() + LENGTH_FIELD_BYTES,
                0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES));
        pipeline.addLast(new ProtobufDecoder(inboundType));
        pipeline.addLast(new LengthFieldPrepender(LENGTH_FIELD_BYTES));
        pipeline.addLast(new ProtobufEncoder());
    }

    private static boolean isUsable(CompletableFuture<RpcConnection> connection) {
        if (connection == null) {
            return false;
        }
        if (!connection.isDone()) {
            return true;
        }
        return !connection.isCompletedExceptionally() && connection.join().isOpen();
    }

    private void openConnection(InetSocketAddress remote, CompletableFuture<RpcConnection> result) {
        ChannelFuture connect = clientBootstrap.connect(remote);
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                connections.remove(remote, result);
                result.completeExceptionally(new RpcConnectionException("could not connect to " + format(remote)
                        + ": " + done.cause().getMessage(), done.cause()));
                return;
            }
            Channel channel = connect.channel();
            RpcConnection connection = new RpcConnection(channel, remote, options.maxFrameSize());
            channel.pipeline().addLast(connection);
            channel.closeFuture().addListener(c -> {
                connections.remove(remote, result);
                connection.close(new RpcConnectionException("connection to " + format(remote)
                        + " was lost; get a new gateway through RpcService.connect to call it again"));
            });
            if (closed) {
                connection.close(new RpcConnectionException("the RpcService at " + format(address) + " was closed"));
                result.completeExceptionally(new RpcConnectionException("cannot connect to " + format(remote)
                        + ": the RpcService at " + format(address) + " is closed"));
            } else {
                result.complete(connection);
            }
        });
    }

    /** Routes each request to its endpoint's main thread, or answers at once if there is none. */
    @ChannelHandler.Sharable
    private final class ServerCallHandler extends SimpleChannelInboundHandler<RpcRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RpcRequest request) {
            IncomingCall call = new IncomingCall(ctx.channel(), request, options.maxFrameSize());
            RpcEndpoint endpoint = endpoints.get(request.getEndpointId());
            if (endpoint == null) {
                call.fail(new UnknownEndpointException("no endpoint '" + request.getEndpointId() + "' at "
                        + format(address) + " (endpoints there: " + new TreeSet<>(endpoints.keySet()) + ")"));
            } else {
                endpoint.dispatch(call);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("Closing RPC connection from {} after an error: {}", ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }
    }
}
