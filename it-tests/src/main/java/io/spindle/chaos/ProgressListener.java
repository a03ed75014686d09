package io.spindle.chaos;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The runner's end of the verifying job's progress reports: a loopback server to which every
 * counting instance connects when its attempt opens, then sends its record count while records
 * arrive. Each connection is one attempt of one subtask (a new JobManager leader numbers
 * attempts from 0 again, so the connection, not the attempt number, tells the attempts apart).
 *
 * <p>Thread safety: connections are read by one thread each; the queries may run on any thread.
 */
final class ProgressListener implements AutoCloseable {
    /** One attempt of one subtask: when it connected and when it last reported a record. */
    private static final class Attempt {
        final int subtask;
        final long connectedNanos;
        volatile long lastRecordNanos;

        Attempt(int subtask, long connectedNanos) {
            this.subtask = subtask;
            this.connectedNanos = connectedNanos;
        }
    }

    private final ServerSocket server;
    private final LongSupplier clock;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    ProgressListener(LongSupplier clock) throws IOException {
        this.clock = clock;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "chaos-progress-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code host:port} for the job's {@code --progress}. */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> read(socket), "chaos-progress-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
            Attempt attempt = new Attempt(in.readInt(), clock.getAsLong());
            attempts.add(attempt);
            while (true) {
                in.readLong();
                attempt.lastRecordNanos = clock.getAsLong();
            }
        } catch (IOException ended) {
            // The attempt ended (finished, cancelled, or its process died).
        }
    }

    /**
     * Whether records flow in every one of {@code subtasks} subtasks since {@code sinceNanos}:
     * each has an attempt that reported a record after it; with {@code newAttempts}, only attempts
     * that connected after it count.
     */
    boolean flowingSince(long sinceNanos, int subtasks, boolean newAttempts) {
        boolean[] flowing = new boolean[subtasks];
        int count = 0;
        for (Attempt attempt : attempts) {
            boolean counts = attempt.lastRecordNanos > sinceNanos && (!newAttempts || attempt.connectedNanos > sinceNanos);
            if (counts && attempt.subtask < subtasks && !flowing[attempt.subtask]) {
                flowing[attempt.subtask] = true;
                count++;
            }
        }
        return count == subtasks;
    }

    /**
     * Waits until {@link #flowingSince} holds and returns when it first did (this clock's
     * nanos), or -1 after {@code timeout}.
     */
    long awaitFlowing(long sinceNanos, int subtasks, boolean newAttempts, Duration timeout) throws InterruptedException {
        long deadline = clock.getAsLong() + timeout.toNanos();
        while (clock.getAsLong() < deadline) {
            if (flowingSince(sinceNanos, subtasks, newAttempts)) {
                return clock.getAsLong();
            }
            Thread.sleep(10);
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
