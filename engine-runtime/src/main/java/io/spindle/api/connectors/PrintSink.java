package io.spindle.api.connectors;

import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SinkFunction;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prints each record's {@code toString()} on its own line to standard output (or standard error),
 * as {@code stream.print()}. When the sink runs with parallelism above 1 each line starts with
 * {@code "N> "}, N being the subtask index plus 1; with a sink identifier the prefix is
 * {@code "id:N> "}, or {@code "id> "} at parallelism 1.
 *
 * <p>Lines are collected in a buffer and written whole, so parallel instances in one JVM never
 * interleave parts of lines, and standard output is not locked once per record. The buffer goes
 * out when it is full, every {@value #FLUSH_INTERVAL_MILLIS} ms (so a slow stream still shows its
 * output promptly), and at {@link #finish} and {@link #close}.
 *
 * <p>{@link #open}, {@link #invoke}, {@link #finish} and {@link #close} run in the task thread; a
 * shared daemon thread does the timed flushes.
 */
public final class PrintSink<T> implements SinkFunction<T>, RichFunction {
    private static final long serialVersionUID = 1L;

    static final long FLUSH_INTERVAL_MILLIS = 100;
    private static final int FLUSH_THRESHOLD_CHARS = 16 * 1024;

    private final String sinkIdentifier;
    private final boolean toStdErr;

    private transient PrintStream target;
    private transient String prefix;
    private transient String lineSeparator;
    private transient StringBuilder pending;
    private transient ScheduledFuture<?> timedFlush;

    public PrintSink() {
        this(null, false);
    }

    public PrintSink(boolean toStdErr) {
        this(null, toStdErr);
    }

    /** @param sinkIdentifier shown before the subtask number in every line; null for none */
    public PrintSink(String sinkIdentifier, boolean toStdErr) {
        this.sinkIdentifier = sinkIdentifier;
        this.toStdErr = toStdErr;
    }

    @Override
    public void open(RuntimeContext context) {
        target = toStdErr ? System.err : System.out;
        prefix = linePrefix(sinkIdentifier, context.getIndexOfThisSubtask(), context.getNumberOfParallelSubtasks());
        lineSeparator = System.lineSeparator();
        pending = new StringBuilder(FLUSH_THRESHOLD_CHARS + 256);
        timedFlush = Flusher.EXECUTOR.scheduleWithFixedDelay(
                this::flush, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    static String linePrefix(String sinkIdentifier, int subtaskIndex, int parallelism) {
        boolean hasIdentifier = sinkIdentifier != null && !sinkIdentifier.isEmpty();
        if (parallelism > 1) {
            return (hasIdentifier ? sinkIdentifier + ":" : "") + (subtaskIndex + 1) + "> ";
        }
        return hasIdentifier ? sinkIdentifier + "> " : "";
    }

    @Override
    public void invoke(T value) {
        StringBuilder buffer = pending;
        // Uncontended except during the timed flush, which takes the lock every 100 ms at most.
        synchronized (buffer) {
            buffer.append(prefix).append(value).append(lineSeparator);
            if (buffer.length() >= FLUSH_THRESHOLD_CHARS) {
                writeOut(buffer);
            }
        }
    }

    @Override
    public void finish() {
        flush();
    }

    @Override
    public void close() {
        if (timedFlush != null) {
            timedFlush.cancel(false);
            timedFlush = null;
        }
        if (pending != null) {
            flush();
        }
    }

    private void flush() {
        StringBuilder buffer = pending;
        synchronized (buffer) {
            if (buffer.length() > 0) {
                writeOut(buffer);
            }
        }
    }

    /** Called with the buffer's lock held. */
    private void writeOut(StringBuilder buffer) {
        byte[] bytes = buffer.toString().getBytes(Charset.defaultCharset());
        buffer.setLength(0);
        // One write call per batch: PrintStream makes it atomic against other writers.
        target.write(bytes, 0, bytes.length);
        target.flush();
    }

    /**
     * The one thread per JVM that flushes the buffers of all open print sinks on a timer; it ends
     * a second after the last sink closed, so that a stopped cluster leaves no thread behind.
     */
    private static final class Flusher {
        static final ScheduledExecutorService EXECUTOR = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "spindle-print-sink-flusher");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            executor.setKeepAliveTime(1, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }
}
