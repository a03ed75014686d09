package io.spindle.examples.chaos;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Tells a listener (the chaos runner) that a parallel instance processes records: one
 * connection per instance and attempt, opened when the instance opens, which sends the
 * instance's index and then its record count at most every {@value #INTERVAL_MILLIS} ms while
 * records arrive. A new connection is how the listener knows that a restarted attempt runs.
 *
 * <p>Reporting never fails the job: a listener that cannot be reached or goes away just ends
 * the reports.
 */
final class ProgressReporter implements AutoCloseable {
    static final long INTERVAL_MILLIS = 50;
    private static final ProgressReporter NONE = new ProgressReporter(null);

    private final DataOutputStream out;
    private long processed;
    private long lastReportNanos;
    private boolean broken;

    private ProgressReporter(DataOutputStream out) {
        this.out = out;
        this.broken = out == null;
    }

    /** A reporter to {@code address} ({@code host:port}); one that reports nothing if it is null or unreachable. */
    static ProgressReporter connect(String address, int subtask) {
        if (address == null || address.isBlank()) {
            return NONE;
        }
        int colon = address.lastIndexOf(':');
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    2_000);
            socket.setTcpNoDelay(true);
            OutputStream stream = socket.getOutputStream();
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(subtask);
            out.flush();
            return new ProgressReporter(out);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** Counts one record; reports the count when the last report is old enough. */
    void processed() {
        processed++;
        if (broken) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastReportNanos >= INTERVAL_MILLIS * 1_000_000L) {
            lastReportNanos = now;
            try {
                out.writeLong(processed);
                out.flush();
            } catch (IOException e) {
                broken = true;
            }
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // The listener went away first: nothing left to tell it.
            }
        }
    }
}
