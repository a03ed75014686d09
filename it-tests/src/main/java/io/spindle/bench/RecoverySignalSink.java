package io.spindle.bench;

import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.SinkFunction;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Drops every record, but announces the first record of each attempt of each subtask to
 * {@link RecoveryListener} on the loopback interface, with the attempt number: the time a
 * restarted job has records flowing again, on the benchmark's clock.
 */
final class RecoverySignalSink<T> implements SinkFunction<T>, RichFunction {
    private static final long serialVersionUID = 1L;
    private final int port;
    private transient int attempt;
    private transient boolean signalled;

    RecoverySignalSink(int port) {
        this.port = port;
    }

    @Override
    public void open(RuntimeContext context) {
        attempt = context.getAttemptNumber();
    }

    @Override
    public void invoke(T value) throws IOException {
        if (!signalled) {
            signalled = true;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
                out.writeInt(attempt);
            }
        }
    }
}
