package io.spindle.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link RpcService}.
 *
 * @param callTimeout how long a call waits for its response unless the call names its own timeout
 * @param connectTimeout how long opening a TCP connection to a remote RpcService may take
 * @param maxFrameSize the largest serialized request or response envelope in bytes; larger ones
 *     fail with a message naming this option
 * @param ioThreads Netty event-loop threads serving both the server and the client connections
 */
public record RpcOptions(Duration callTimeout, Duration connectTimeout, int maxFrameSize, int ioThreads) {

    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_FRAME_SIZE = 10 * 1024 * 1024;
    public static final int DEFAULT_IO_THREADS = 1;

    public RpcOptions {
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        requirePositive(callTimeout, "callTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes, got " + maxFrameSize);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
    }

    public static RpcOptions defaults() {
        return new RpcOptions(
                DEFAULT_CALL_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_FRAME_SIZE, DEFAULT_IO_THREADS);
    }

    public RpcOptions withCallTimeout(Duration timeout) {
        return new RpcOptions(timeout, connectTimeout, maxFrameSize, ioThreads);
    }

    public RpcOptions withConnectTimeout(Duration timeout) {
        return new RpcOptions(callTimeout, timeout, maxFrameSize, ioThreads);
    }

    public RpcOptions withMaxFrameSize(int bytes) {
        return new RpcOptions(callTimeout, connectTimeout, bytes, ioThreads);
    }

    public RpcOptions withIoThreads(int threads) {
        return new RpcOptions(callTimeout, connectTimeout, maxFrameSize, threads);
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
