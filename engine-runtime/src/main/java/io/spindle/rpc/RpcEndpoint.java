package io.spindle.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component reachable over RPC under an id unique within its {@link RpcService}, such as the
 * Dispatcher, the ResourceManager, a JobMaster or a TaskExecutor.
 *
 * <p>Threading: each endpoint owns one main thread, named after the endpoint. Incoming calls
 * ({@link #handleCall}), {@link #runAsync}, {@link #scheduleRunAsync}, {@link #onStart} and
 * {@link #onStop} all run there, one at a time, so the endpoint's state needs no locks as long
 * as other threads reach it only through {@link #getMainThreadExecutor()}.
 *
 * <p>Life cycle: construct, {@link #start()} (registers with the service; calls arrive from
 * then on), {@link #close()} (unregisters, runs {@link #onStop}, stops the main thread).
 */
public abstract class RpcEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcEndpoint.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final RpcService service;
    private final String endpointId;
    private final MainThreadExecutor mainThread;
    private volatile boolean started;
    private volatile boolean closed;

    protected RpcEndpoint(RpcService service, String endpointId) {
        this.service = Objects.requireNonNull(service, "service");
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
        if (endpointId.isBlank()) {
            throw new IllegalArgumentException("endpointId must not be blank");
        }
        this.mainThread = new MainThreadExecutor("rpc-" + endpointId);
    }

    /**
     * Handles one incoming call on the main thread: parse {@code payload} with the request type
     * of {@code method} and return the (possibly not yet completed) response. Throw
     * {@link #unknownMethod(String)} for methods this endpoint does not have. Anything thrown, or
     * a failed future, reaches the caller as an {@link RpcException} naming the exception class.
     */
    protected abstract CompletableFuture<? extends Message> handleCall(String method, ByteString payload)
            throws Exception;

    /** Runs on the main thread before the first call is handled. */
    protected void onStart() throws Exception {}

    /** Runs on the main thread when the endpoint closes, after it stopped taking calls. */
    protected void onStop() throws Exception {}

    /** Registers with the service; calls to this endpoint's id are accepted from now on. */
    public final synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("endpoint '" + endpointId + "' was "
                    + (closed ? "closed" : "started") + " already; create a new endpoint instead");
        }
        started = true;
        // queued before registering so that onStart runs before any call
        mainThread.execute(() -> {
            try {
                onStart();
            } catch (Exception e) {
                LOG.error("onStart of endpoint '{}' failed", endpointId, e);
            }
        });
        service.register(this);
    }

    /** Unregisters, runs {@link #onStop()} on the main thread and stops that thread. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        service.unregister(this);
        try {
            mainThread.execute(() -> {
                try {
                    onStop();
                } catch (Exception e) {
                    LOG.error("onStop of endpoint '{}' failed", endpointId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Main thread of endpoint '{}' stopped before onStop could run", endpointId);
        }
        mainThread.shutdownAndWait(STOP_WAIT);
    }

    public final String getEndpointId() {
        return endpointId;
    }

    public final RpcService getRpcService() {
        return service;
    }

    /** Runs tasks on this endpoint's main thread; safe to use from any thread. */
    public final MainThreadExecutor getMainThreadExecutor() {
        return mainThread;
    }

    /** Runs {@code task} on the main thread. Silently dropped once the endpoint is closed. */
    protected final void runAsync(Runnable task) {
        try {
            mainThread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropping task for closed endpoint '{}'", endpointId);
        }
    }

    /**
     * Runs {@code task} on the main thread after {@code delay}. Returns null, and drops the task,
     * once the endpoint is closed.
     */
    protected final ScheduledFuture<?> scheduleRunAsync(Runnable task, Duration delay) {
        try {
            return mainThread.schedule(task, delay);
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropping delayed task for closed endpoint '{}'", endpointId);
            return null;
        }
    }

    /** Throws {@link IllegalStateException} unless called on this endpoint's main thread. */
    protected final void validateRunsInMainThread() {
        if (!mainThread.isMainThread()) {
            throw new IllegalStateException("endpoint '" + endpointId + "' state touched from thread '"
                    + Thread.currentThread().getName() + "' instead of its main thread; use runAsync");
        }
    }

    /** The exception to throw from {@link #handleCall} for a method this endpoint does not have. */
    protected final UnknownMethodException unknownMethod(String method) {
        return new UnknownMethodException("endpoint '" + endpointId + "' (" + getClass().getSimpleName() + ") at "
                + RpcService.format(service.getAddress()) + " has no method '" + method + "'");
    }

    /** Rejects a call before it reaches {@link #handleCall}; unfenced endpoints accept every token. */
    void checkFencingToken(String method, UUID receivedToken) throws FencingTokenException {}

    /** Called by the service on an I/O thread; moves the call to the main thread. */
    final void dispatch(IncomingCall call) {
        try {
            mainThread.execute(() -> runCall(call));
        } catch (RejectedExecutionException e) {
            call.fail(endpointClosed());
        }
    }

    private void runCall(IncomingCall call) {
        if (closed) {
            call.fail(endpointClosed());
            return;
        }
        try {
            checkFencingToken(call.method(), call.fencingToken());
            CompletableFuture<? extends Message> response = handleCall(call.method(), call.payload());
            if (response == null) {
                throw new IllegalStateException(getClass().getName() + ".handleCall returned null for method '"
                        + call.method() + "'; return a future");
            }
            response.whenComplete(call::complete);
        } catch (Throwable t) {
            call.fail(t);
        }
    }

    private UnknownEndpointException endpointClosed() {
        return new UnknownEndpointException("endpoint '" + endpointId + "' at "
                + RpcService.format(service.getAddress()) + " was closed");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + endpointId + ")";
    }
}
