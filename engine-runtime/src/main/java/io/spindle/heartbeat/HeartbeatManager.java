package io.spindle.heartbeat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requesting side of two-way heartbeats (e.g. the ResourceManager towards its TaskManagers,
 * a JobMaster towards the TaskManagers running its tasks). Every {@code interval} it asks each
 * monitored target for a heartbeat; an answer resets that target's timeout and its payload goes
 * to {@link HeartbeatListener#reportPayload}; a target that does not answer for {@code timeout}
 * is reported once through {@link HeartbeatListener#notifyHeartbeatTimeout} and dropped.
 *
 * <p>Threading: methods may be called from any thread. Targets are asked on the scheduler's
 * thread; listener callbacks run on the listener executor given here (normally the owning
 * endpoint's main thread). A payload is never reported after the target's timeout or removal
 * was decided.
 *
 * @param <O> the payload targets answer with
 */
public final class HeartbeatManager<O> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatManager.class);

    private final Duration interval;
    private final Duration timeout;
    private final HeartbeatListener<O> listener;
    private final Executor listenerExecutor;
    private final HeartbeatScheduler scheduler;
    private final ConcurrentHashMap<String, MonitoredTarget> targets = new ConcurrentHashMap<>();

    public HeartbeatManager(Duration interval, Duration timeout, HeartbeatListener<O> listener,
            Executor listenerExecutor, HeartbeatScheduler scheduler) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.listenerExecutor = Objects.requireNonNull(listenerExecutor, "listenerExecutor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
        }
        if (timeout.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("heartbeat timeout (" + timeout + ") must be longer than the heartbeat"
                    + " interval (" + interval + "), otherwise every target times out between two requests");
        }
    }

    /**
     * Starts monitoring {@code target} under {@code targetId}: asks it for a heartbeat now and
     * every interval after. Replaces (and stops) an earlier target with the same id.
     */
    public void monitorTarget(String targetId, HeartbeatTarget<O> target) {
        MonitoredTarget monitored = new MonitoredTarget(Objects.requireNonNull(targetId, "targetId"),
                Objects.requireNonNull(target, "target"));
        MonitoredTarget previous = targets.put(targetId, monitored);
        if (previous != null) {
            previous.stop();
        }
        monitored.start();
    }

    /** Stops monitoring {@code targetId}; no callbacks for it follow. Unknown ids are ignored. */
    public void unmonitorTarget(String targetId) {
        MonitoredTarget monitored = targets.remove(targetId);
        if (monitored != null) {
            monitored.stop();
        }
    }

    public boolean isMonitoring(String targetId) {
        return targets.containsKey(targetId);
    }

    /** Stops monitoring all targets. */
    @Override
    public void close() {
        for (String targetId : new ArrayList<>(targets.keySet())) {
            unmonitorTarget(targetId);
        }
    }

    /** One target's request loop and timeout. */
    private final class MonitoredTarget {
        private final String id;
        private final HeartbeatTarget<O> target;
        private final ResettableTimeout timeoutTimer;
        private Future<?> nextRequest;
        private boolean active = true;

        MonitoredTarget(String id, HeartbeatTarget<O> target) {
            this.id = id;
            this.target = target;
            this.timeoutTimer = new ResettableTimeout(scheduler, timeout, expired -> timedOut());
        }

        void start() {
            timeoutTimer.reset();
            requestHeartbeat();
        }

        void stop() {
            synchronized (this) {
                active = false;
                if (nextRequest != null) {
                    nextRequest.cancel(false);
                }
            }
            timeoutTimer.cancel();
        }

        private void requestHeartbeat() {
            synchronized (this) {
                if (!active) {
                    return;
                }
                nextRequest = scheduler.schedule(this::requestHeartbeat, interval);
            }
            CompletableFuture<O> reply;
            try {
                reply = target.requestHeartbeat();
            } catch (RuntimeException e) {
                LOG.debug("Heartbeat request to {} failed", id, e);
                return;
            }
            reply.whenComplete(this::onReply);
        }

        private void onReply(O payload, Throwable failure) {
            if (failure != null) {
                // not fatal by itself: the timeout decides when the target counts as lost
                LOG.debug("Heartbeat request to {} failed: {}", id, failure.toString());
                return;
            }
            synchronized (this) {
                if (!active || !timeoutTimer.reset()) {
                    return;
                }
            }
            listenerExecutor.execute(() -> listener.reportPayload(id, payload));
        }

        private void timedOut() {
            stop();
            if (targets.remove(id, this)) {
                LOG.info("Heartbeat of {} timed out after {}", id, timeout);
                listenerExecutor.execute(() -> listener.notifyHeartbeatTimeout(id));
            }
        }
    }
}
