package io.spindle.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager's REST endpoint (docs/rest-api.md): Netty HTTP with JSON bodies in front of a
 * {@link RestClusterBackend}, plus the store of uploaded jars in the configured upload directory.
 *
 * <p>Threading: one acceptor thread, two I/O threads that only parse, route and write; a small
 * pool of daemon threads for disk work (multipart decoding, the jar store). Backend calls are
 * composed as futures and never awaited on an I/O thread. {@link #close} may be called from any
 * thread, including from the backend while it handles {@code DELETE /cluster}.
 */
public final class RestServerEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServerEndpoint.class);
    private static final int IO_THREADS = 2;
    private static final int BLOCKING_THREADS = 2;
    private static final AtomicInteger ENDPOINT_COUNTER = new AtomicInteger();

    private final EventLoopGroup acceptor;
    private final EventLoopGroup ioThreads;
    private final ExecutorService blockingExecutor;
    private final Channel serverChannel;
    private final InetSocketAddress serverAddress;
    private final String restBaseUrl;
    private final AsynchronousOperations operations;

    private RestServerEndpoint(EventLoopGroup acceptor, EventLoopGroup ioThreads, ExecutorService blockingExecutor,
            Channel serverChannel, String restBaseUrl, AsynchronousOperations operations) {
        this.operations = operations;
        this.acceptor = acceptor;
        this.ioThreads = ioThreads;
        this.blockingExecutor = blockingExecutor;
        this.serverChannel = serverChannel;
        this.serverAddress = (InetSocketAddress) serverChannel.localAddress();
        this.restBaseUrl = restBaseUrl;
    }

    /**
     * Creates the upload directory if needed, binds and starts serving.
     *
     * @throws IOException when the upload directory cannot be created or the address cannot be bound
     */
    public static RestServerEndpoint start(RestServerConfiguration config, RestClusterBackend backend)
            throws IOException {
        Files.createDirectories(config.uploadDirectory());
        int id = ENDPOINT_COUNTER.incrementAndGet();
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("spindle-rest-accept-" + id, true));
        EventLoopGroup ioThreads = new NioEventLoopGroup(IO_THREADS,
                new DefaultThreadFactory("spindle-rest-io-" + id, true));
        ExecutorService blockingExecutor = Executors.newFixedThreadPool(BLOCKING_THREADS,
                new DefaultThreadFactory("spindle-rest-blocking-" + id, true));
        // The base URL is known only after binding (port 0); GET /jars reads it lazily.
        AtomicReference<String> baseUrl = new AtomicReference<>();
        RestRouter router = new RestRouter();
        new ClusterHandlers(backend, blockingExecutor, SpindleVersion.current()).registerOn(router);
        new JobHandlers(backend, System::currentTimeMillis).registerOn(router);
        AsynchronousOperations operations = new AsynchronousOperations(System::currentTimeMillis);
        new SavepointHandlers(backend, operations).registerOn(router);
        new JarHandlers(backend, new JarStore(config.uploadDirectory()), config.uploadDirectory(), blockingExecutor,
                baseUrl::get).registerOn(router);
        router.add(HttpMethod.POST, "/jobs", new JobSubmitHandler(backend, config.uploadDirectory(), blockingExecutor));
        try {
            Channel serverChannel = new ServerBootstrap()
                    .group(acceptor, ioThreads)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ConnectionGuard guard = new ConnectionGuard(config.maxContentLength());
                            channel.pipeline()
                                    .addLast(new IdleStateHandler(0, 0, config.idlenessTimeout().toMillis(),
                                            TimeUnit.MILLISECONDS))
                                    .addLast(guard.rawBytesObserver())
                                    .addLast(new HttpServerCodec())
                                    .addLast(guard)
                                    .addLast(new OversizeRejectingAggregator(config.maxContentLength(), guard))
                                    .addLast(new RestRequestDispatcher(router));
                        }
                    })
                    .bind(config.bindAddress(), config.port())
                    .syncUninterruptibly()
                    .channel();
            baseUrl.set(baseUrlOf((InetSocketAddress) serverChannel.localAddress()));
            RestServerEndpoint endpoint = new RestServerEndpoint(acceptor, ioThreads, blockingExecutor, serverChannel,
                    baseUrl.get(), operations);
            LOG.info("REST endpoint listening on {}", endpoint.restBaseUrl);
            return endpoint;
        } catch (RuntimeException e) {
            shutDown(acceptor, ioThreads, blockingExecutor);
            // bind() rethrows the BindException unchecked; a caller deserves the address it tried.
            throw new IOException("Could not start the REST endpoint on " + config.bindAddress() + ":" + config.port()
                    + ": " + e.getMessage() + " (is rest.port in use?)", e);
        }
    }

    /** The address actually bound (with the real port when 0 was configured). */
    public InetSocketAddress getServerAddress() {
        return serverAddress;
    }

    /** {@code http://host:port}, the address clients use; a wildcard bind announces this host's name. */
    /**
     * Waits, at most {@code timeout}, until every savepoint, stop or disposal operation has ended
     * and its result was asked for: a cluster that ends with its job (a stop with savepoint) lets
     * the client read where the savepoint went before it goes.
     */
    public void awaitUnreadOperationResults(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (operations.hasUnreadResults() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    public String getRestBaseUrl() {
        return restBaseUrl;
    }

    /** Stops accepting, closes all connections and waits up to a few seconds for the threads to end. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutDown(acceptor, ioThreads, blockingExecutor);
    }

    private static void shutDown(EventLoopGroup acceptor, EventLoopGroup ioThreads, ExecutorService blockingExecutor) {
        blockingExecutor.shutdown();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        ioThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        // Waiting from one of our own I/O threads would wait for itself.
        for (EventExecutor executor : ioThreads) {
            if (executor.inEventLoop()) {
                return;
            }
        }
        acceptor.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        ioThreads.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static String baseUrlOf(InetSocketAddress bound) throws IOException {
        InetAddress address = bound.getAddress();
        String host = address.isAnyLocalAddress() ? InetAddress.getLocalHost().getCanonicalHostName()
                : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + bound.getPort();
    }
}
