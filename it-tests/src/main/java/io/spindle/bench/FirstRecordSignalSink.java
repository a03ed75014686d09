package io.spindle.bench;

import io.spindle.api.functions.SinkFunction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Drops every record, like {@code DiscardingSink}, but announces the first record each subtask
 * receives by connecting to a port on the loopback interface, where {@link FirstRecordListener}
 * notes the time on the benchmark's own clock: the REST endpoint shows no record counts, and the
 * TaskManagers' clocks are not the benchmark's.
 */
final class FirstRecordSignalSink<T> implements SinkFunction<T> {
    private static final long serialVersionUID = 1L;
    private final int port;
    private transient boolean signalled;

    FirstRecordSignalSink(int port) {
        this.port = port;
    }

    @Override
    public void invoke(T value) throws IOException {
        if (!signalled) {
            signalled = true;
            new Socket(InetAddress.getLoopbackAddress(), port).close();
        }
    }
}
