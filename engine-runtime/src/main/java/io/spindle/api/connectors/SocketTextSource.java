package io.spindle.api.connectors;

import io.spindle.api.functions.SourceFunction;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Connects to {@code host:port} and emits the UTF-8 text it receives, split at a delimiter, as
 * {@code env.socketTextStream}. With the delimiter {@code "\n"} a {@code \r} before it is dropped
 * too. The source ends when the peer closes the connection (after emitting any text left after
 * the last delimiter) or when it is cancelled. Runs as a single instance: it is
 * not a {@link io.spindle.api.functions.ParallelSourceFunction}.
 *
 * <p>At most once, even with checkpoints: a socket cannot be read again, so what the source
 * had emitted after the last completed checkpoint is lost when the job restores from it. Use a
 * replayable source (files, Kafka) where results must be exact.
 *
 * <p>{@link #run} runs in the task thread; {@link #cancel} may be called from any thread and
 * closes the socket, which ends a blocked read at once.
 */
public final class SocketTextSource implements SourceFunction<String> {
    private static final long serialVersionUID = 1L;

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_CHUNK_CHARS = 8192;

    private final String host;
    private final int port;
    private final String delimiter;

    private transient volatile Socket socket;
    private transient volatile boolean cancelled;

    public SocketTextSource(String host, int port) {
        this(host, port, "\n");
    }

    public SocketTextSource(String host, int port, String delimiter) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The host of a socket source must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port of a socket source must be between 1 and 65535, but was " + port);
        }
        if (delimiter == null || delimiter.isEmpty()) {
            throw new IllegalArgumentException("The delimiter of a socket source must not be empty");
        }
        this.host = host;
        this.port = port;
        this.delimiter = delimiter;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getDelimiter() {
        return delimiter;
    }

    @Override
    public void run(SourceContext<String> ctx) throws IOException {
        Socket connection = new Socket();
        socket = connection;
        // cancel() either sees the socket and closes it, or ran before and is seen here.
        if (cancelled) {
            connection.close();
            return;
        }
        try (connection) {
            try {
                connection.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                if (cancelled) {
                    return;
                }
                throw new IOException("The socket source could not connect to " + host + ":" + port + ": " + e.getMessage()
                        + ". Check that a server is listening there (for a test: nc -lk " + port + ").", e);
            }
            readRecords(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8), ctx);
        } catch (IOException e) {
            if (!cancelled) {
                throw e;
            }
        }
    }

    private void readRecords(Reader reader, SourceContext<String> ctx) throws IOException {
        char[] chunk = new char[READ_CHUNK_CHARS];
        StringBuilder pending = new StringBuilder();
        int searchFrom = 0;
        int read;
        while (!cancelled && (read = reader.read(chunk)) != -1) {
            pending.append(chunk, 0, read);
            int recordStart = 0;
            int delimiterAt;
            while ((delimiterAt = pending.indexOf(delimiter, Math.max(searchFrom, recordStart))) >= 0) {
                ctx.collect(record(pending, recordStart, delimiterAt));
                recordStart = delimiterAt + delimiter.length();
            }
            pending.delete(0, recordStart);
            // A delimiter may arrive split over two reads, so only its last bytes need a rescan.
            searchFrom = Math.max(0, pending.length() - delimiter.length() + 1);
        }
        if (!cancelled && pending.length() > 0) {
            ctx.collect(record(pending, 0, pending.length()));
        }
    }

    private String record(StringBuilder pending, int start, int end) {
        if ("\n".equals(delimiter) && end > start && pending.charAt(end - 1) == '\r') {
            end--;
        }
        return pending.substring(start, end);
    }

    @Override
    public void cancel() {
        cancelled = true;
        Socket connection = socket;
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // The source is ending anyway; a failed close leaves nothing to clean up.
            }
        }
    }
}
