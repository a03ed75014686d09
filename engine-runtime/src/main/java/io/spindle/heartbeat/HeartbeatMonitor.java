package io.spindle.heartbeat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answering side of two-way heartbeats: a TaskManager records each heartbeat request of its
 * ResourceManager and JobMasters here, and learns through
 * {@link HeartbeatTimeoutListener#notifyHeartbeatTimeout} when one of them stopped asking for
 * longer than the timeout (the peer is lost or partitioned away).
 *
 * <p>Threading: methods may be called from any thread (typically the endpoint's main thread,
 * where heartbeat RPCs arrive); the listener runs on the executor given here.
 */
public final class HeartbeatMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatMonitor.class);

    private final Duration timeout;
    private final HeartbeatTimeoutListener listener;
    private final Executor listenerExecutor;
    private final HeartbeatScheduler scheduler;
    private final ConcurrentHashMap<String, ResettableTimeout> sources = new ConcurrentHashMap<>();

    public HeartbeatMonitor(Duration timeout, HeartbeatTimeoutListener listener, Executor listenerExecutor,
            HeartbeatScheduler scheduler) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.listenerExecutor = Objects.requireNonNull(listenerExecutor, "listenerExecutor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("heartbeat timeout must be positive, got " + timeout);
        }
    }

    /**
     * Starts expecting heartbeat requests from {@code sourceId} (e.g. once registered with it):
     * if none arrives within the timeout, the listener is told. Restarts the countdown if the
     * source was monitored already.
     */
    public void monitorSource(String sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        ResettableTimeout fresh = new ResettableTimeout(scheduler, timeout, expired -> timedOut(sourceId, expired));
        ResettableTimeout previous = sources.put(sourceId, fresh);
        if (previous != null) {
            previous.cancel();
        }
        fresh.reset();
    }

    /**
     * Records a heartbeat request from {@code sourceId}, restarting its countdown. Returns false
     * (and records nothing) if the source is not monitored, e.g. a stale peer that already timed
     * out or was disconnected: the caller should then not answer as if it were connected.
     */
    public boolean recordHeartbeat(String sourceId) {
        ResettableTimeout countdown = sources.get(sourceId);
        return countdown != null && countdown.reset();
    }

    /** Stops expecting heartbeats from {@code sourceId}. Unknown ids are ignored. */
    public void unmonitorSource(String sourceId) {
        ResettableTimeout countdown = sources.remove(sourceId);
        if (countdown != null) {
            countdown.cancel();
        }
    }

    public boolean isMonitoring(String sourceId) {
        return sources.containsKey(sourceId);
    }

    /** Stops monitoring all sources. */
    @Override
    public void close() {
        for (String sourceId : new ArrayList<>(sources.keySet())) {
            unmonitorSource(sourceId);
        }
    }

    private void timedOut(String sourceId, ResettableTimeout expired) {
        // a countdown replaced by monitorSource in the meantime must not remove its successor
        if (sources.remove(sourceId, expired)) {
            LOG.info("No heartbeat request from {} within {}", sourceId, timeout);
            listenerExecutor.execute(() -> listener.notifyHeartbeatTimeout(sourceId));
        }
    }
}
