package io.spindle.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The benchmark's end of {@link RecoverySignalSink}: a loopback server that notes when each sink
 * subtask's attempt received its first record.
 */
final class RecoveryListener implements AutoCloseable {
    private final ServerSocket server;
    private record Signal(int attempt, long nanos) {}

    private final List<Signal> signals = new CopyOnWriteArrayList<>();

    RecoveryListener() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::accept, "recovery-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept(); DataInputStream in = new DataInputStream(socket.getInputStream())) {
                int attempt = in.readInt();
                signals.add(new Signal(attempt, System.nanoTime()));
            } catch (IOException e) {
                // Closed, or a sink died mid-signal: the next attempt signals again.
            }
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** The highest attempt number that signalled so far, -1 before the first. */
    int highestAttempt() {
        return signals.stream().mapToInt(Signal::attempt).max().orElse(-1);
    }

    /**
     * Waits until {@code subtasks} sink subtasks of attempts at or above {@code attempt} have
     * received a record; returns when the last of them did (nanoTime): records flow everywhere.
     */
    long awaitAttempt(int attempt, int subtasks, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long[] times = signals.stream().filter(signal -> signal.attempt() >= attempt).mapToLong(Signal::nanos)
                    .sorted().toArray();
            if (times.length >= subtasks) {
                return times[subtasks - 1];
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(subtasks + " sink subtasks of attempt " + attempt + " or later had no record within "
                + timeout);
    }

    /**
     * Waits until {@code subtasks} sink subtasks first received a record after {@code sinceNanos}
     * (a new JobManager leader numbers attempts from 0 again, so attempts cannot tell the runs
     * apart); returns when the last of them did.
     */
    long awaitSignalsSince(long sinceNanos, int subtasks, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long[] times = signals.stream().mapToLong(Signal::nanos).filter(nanos -> nanos > sinceNanos).sorted().toArray();
            if (times.length >= subtasks) {
                return times[subtasks - 1];
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(subtasks + " sink subtasks had no record within " + timeout);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
