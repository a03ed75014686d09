package io.spindle.runtime.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TaskManager's data plane: the pool of network buffers, the registry of result partitions it
 * produces, the Netty data server other TaskManagers read them from, and the connections it
 * reads through. Consumers whose producer lives at {@link #getDataAddress()} read in memory.
 *
 * <p>Thread-safe. One per TaskManager; several may share a JVM (local cluster, over loopback).
 */
public final class NetworkEnvironment implements AutoCloseable {

    private final NetworkOptions options;
    private final NetworkBufferPool bufferPool;
    private final ResultPartitionManager partitions = new ResultPartitionManager();
    private final Set<InputGate> gates = ConcurrentHashMap.newKeySet();
    private final EventLoopGroup eventLoops;
    private final ScheduledExecutorService timer;
    private final ConnectionManager connections;
    private final Channel serverChannel;
    private final InetSocketAddress dataAddress;
    private volatile boolean closed;

    private NetworkEnvironment(NetworkOptions options, String bindAddress) throws IOException {
        this.options = options;
        this.bufferPool = new NetworkBufferPool(options.segmentSize(), options.totalBuffers());
        this.eventLoops = new NioEventLoopGroup(options.nettyThreads(), new DefaultThreadFactory("spindle-data", true));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "spindle-network-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.connections = new ConnectionManager(eventLoops, options.segmentSize());
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(eventLoops)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(DataProtocol.frameDecoder(options.segmentSize()),
                                    new DataServerHandler(partitions));
                        }
                    })
                    .bind(bindAddress, 0)
                    .sync()
                    .channel();
        } catch (Exception e) {
            shutDownThreads();
            throw new IOException("Could not start the network data server on " + bindAddress + ": " + e, e);
        }
        this.dataAddress = (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Starts the data server on a free port of {@code bindAddress}, which must be an address other
     * TaskManagers can reach (e.g. "127.0.0.1" for a local cluster), since it is also the address
     * they are given.
     */
    public static NetworkEnvironment start(String bindAddress, NetworkOptions options) throws IOException {
        return new NetworkEnvironment(options, bindAddress);
    }

    public InetSocketAddress getDataAddress() {
        return dataAddress;
    }

    public NetworkOptions getOptions() {
        return options;
    }

    /** The TaskManager's global buffer pool; its counters show reserved and used buffers. */
    public NetworkBufferPool getBufferPool() {
        return bufferPool;
    }

    /**
     * Creates and registers a partition so consumers can request its subpartitions. Its buffers
     * are reserved now; fails if the pool has too few left.
     *
     * @param flushTimeoutMillis 0 flushes after every record, &gt; 0 makes buffered data visible
     *     within that time, -1 flushes only when a buffer is full, on flushAll and on finish
     */
    public ResultPartition createResultPartition(ResultPartitionId id, int numberOfSubpartitions, long flushTimeoutMillis)
            throws IOException {
        checkOpen();
        if (numberOfSubpartitions < 1) {
            throw new IllegalArgumentException("A result partition needs at least one subpartition, got "
                    + numberOfSubpartitions);
        }
        if (flushTimeoutMillis < -1) {
            throw new IllegalArgumentException("Flush timeout must be -1, 0 or positive, got " + flushTimeoutMillis);
        }
        LocalBufferPool pool = new LocalBufferPool(bufferPool, options.buffersPerPartition(numberOfSubpartitions),
                "result partition " + id);
        ResultPartition partition = new ResultPartition(id, numberOfSubpartitions, flushTimeoutMillis, pool,
                partitions::unregister);
        try {
            partitions.register(partition);
        } catch (IOException e) {
            pool.destroy(e);
            throw e;
        }
        if (flushTimeoutMillis > 0) {
            partition.setPeriodicFlush(timer.scheduleWithFixedDelay(partition::flushAll, flushTimeoutMillis,
                    flushTimeoutMillis, TimeUnit.MILLISECONDS));
        }
        return partition;
    }

    /**
     * Creates the input of a task, one channel per spec in order (channel index = list index), and
     * starts requesting the subpartitions. Reserves exclusive buffers for each remote channel plus
     * the floating buffers.
     */
    public InputGate createInputGate(String ownerTaskName, List<InputChannelSpec> channelSpecs) throws IOException {
        return createInputGate(ownerTaskName, channelSpecs, java.util.Map.of());
    }

    /**
     * As above; each channel named in {@code restoredChannels} first delivers those bytes (framed
     * records and events, the in-flight data an unaligned checkpoint kept), then its producer's.
     */
    public InputGate createInputGate(String ownerTaskName, List<InputChannelSpec> channelSpecs,
            java.util.Map<Integer, byte[]> restoredChannels) throws IOException {
        checkOpen();
        if (channelSpecs.isEmpty()) {
            throw new IllegalArgumentException("Input gate of " + ownerTaskName + " needs at least one channel");
        }
        long remoteChannels = channelSpecs.stream().filter(spec -> !isLocal(spec)).count();
        int floating = remoteChannels > 0 ? options.floatingBuffersPerGate() : 0;
        LocalBufferPool pool = new LocalBufferPool(bufferPool,
                (int) remoteChannels * options.exclusiveBuffersPerChannel() + floating, "input gate of " + ownerTaskName);
        InputGate gate = new InputGate(ownerTaskName, pool, gates::remove);
        FloatingCredits floatingCredits = new FloatingCredits(floating);
        InputChannel[] channels = new InputChannel[channelSpecs.size()];
        for (int i = 0; i < channels.length; i++) {
            InputChannelSpec spec = channelSpecs.get(i);
            channels[i] = isLocal(spec)
                    ? new LocalInputChannel(i, spec, gate, partitions, timer, options)
                    : new RemoteInputChannel(i, spec, gate, connections, pool, floatingCredits, options);
        }
        gates.add(gate);
        gate.start(channels, restoredChannels);
        return gate;
    }

    private boolean isLocal(InputChannelSpec spec) {
        return spec.producerDataAddress().equals(dataAddress);
    }

    /** Releases one partition; consumers that have not read it to the end fail with the cause. */
    public void releasePartition(ResultPartitionId id, Throwable causeOrNull) {
        ResultPartition partition = partitions.get(id);
        if (partition != null) {
            partition.release(causeOrNull);
        }
    }

    /** Releases every partition this TaskManager produces for the job. */
    public void releasePartitionsOfJob(String jobId, Throwable causeOrNull) {
        for (ResultPartition partition : partitions.all()) {
            if (partition.getId().jobId().equals(jobId)) {
                partition.release(causeOrNull);
            }
        }
    }

    /** Number of partitions still registered (produced and not yet fully consumed or released). */
    public int getNumberOfRegisteredPartitions() {
        return partitions.all().size();
    }

    /**
     * Releases all partitions, closes gates not closed yet, and stops the server and threads.
     * Tasks should be stopped first: gates are meant to be closed by their task thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IOException cause = new IOException("The network environment at " + dataAddress + " was shut down");
        for (ResultPartition partition : partitions.all()) {
            partition.release(cause);
        }
        for (InputGate gate : List.copyOf(gates)) {
            gate.close();
        }
        serverChannel.close().syncUninterruptibly();
        connections.closeAll();
        shutDownThreads();
    }

    private void shutDownThreads() {
        timer.shutdownNow();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The network environment at " + dataAddress + " is closed");
        }
    }
}
