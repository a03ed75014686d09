package io.spindle.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's end of {@link FirstRecordSignalSink}: a loopback server socket that records
 * when the first connection, and so the job's first record at a sink, arrived.
 */
final class FirstRecordListener implements AutoCloseable {
    private final ServerSocket server;
    private final CompletableFuture<Long> firstRecordNanos;

    FirstRecordListener() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        firstRecordNanos = CompletableFuture.supplyAsync(() -> {
            try {
                server.accept().close();
                return System.nanoTime();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, FirstRecordListener::startDaemon);
    }

    private static void startDaemon(Runnable accept) {
        Thread thread = new Thread(accept, "first-record-listener");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Seconds from {@code startNanos} until the first record arrived, waiting at most {@code timeout}. */
    double secondsSince(long startNanos, Duration timeout) throws Exception {
        return (firstRecordNanos.get(timeout.toMillis(), TimeUnit.MILLISECONDS) - startNanos) / 1e9;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
