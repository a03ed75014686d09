package io.spindle.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeartbeatManagerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingListener listener = new RecordingListener();
    private final HeartbeatManager<String> manager =
            new HeartbeatManager<>(INTERVAL, TIMEOUT, listener, Runnable::run, scheduler);

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void targetThatAnswersIsNeverTimedOutAndItsPayloadsAreReported() {
        AtomicInteger requests = new AtomicInteger();
        manager.monitorTarget("tm-1", () -> CompletableFuture.completedFuture("slots-" + requests.incrementAndGet()));

        scheduler.advance(Duration.ofSeconds(10));

        assertThat(listener.timeouts).isEmpty();
        assertThat(requests.get()).isEqualTo(11); // one at once, then one per second
        assertThat(listener.payloads).hasSize(11).startsWith("tm-1=slots-1", "tm-1=slots-2");
        assertThat(manager.isMonitoring("tm-1")).isTrue();
    }

    @Test
    void targetThatStopsAnsweringIsReportedOnceAtTheTimeoutAndDropped() {
        AtomicInteger requests = new AtomicInteger();
        manager.monitorTarget("tm-1", () -> requests.incrementAndGet() <= 3
                ? CompletableFuture.completedFuture("ok")
                : new CompletableFuture<>());

        // answers at t=0,1,2; the timeout counts from the last answer at t=2
        scheduler.advance(Duration.ofMillis(4_900));
        assertThat(listener.timeouts).isEmpty();
        scheduler.advance(Duration.ofMillis(200));
        assertThat(listener.timeouts).containsExactly("tm-1");
        assertThat(manager.isMonitoring("tm-1")).isFalse();

        int requestsAtTimeout = requests.get();
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(listener.timeouts).containsExactly("tm-1");
        assertThat(requests.get()).isEqualTo(requestsAtTimeout);
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void failedRequestsCountAsSilence() {
        manager.monitorTarget("tm-1", () -> CompletableFuture.failedFuture(new IllegalStateException("rpc down")));

        scheduler.advance(Duration.ofMillis(2_999));
        assertThat(listener.timeouts).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(listener.timeouts).containsExactly("tm-1");
        assertThat(listener.payloads).isEmpty();
    }

    @Test
    void lateAnswerAfterTheTimeoutIsNotReported() {
        CompletableFuture<String> late = new CompletableFuture<>();
        manager.monitorTarget("tm-1", () -> late);

        scheduler.advance(TIMEOUT);
        late.complete("too late");

        assertThat(listener.timeouts).containsExactly("tm-1");
        assertThat(listener.payloads).isEmpty();
    }

    @Test
    void unmonitoredTargetIsNeitherAskedNorReported() {
        AtomicInteger requests = new AtomicInteger();
        manager.monitorTarget("tm-1", () -> {
            requests.incrementAndGet();
            return new CompletableFuture<>();
        });
        manager.unmonitorTarget("tm-1");

        scheduler.advance(Duration.ofSeconds(10));

        assertThat(requests.get()).isEqualTo(1);
        assertThat(listener.timeouts).isEmpty();
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void targetsAreMonitoredIndependently() {
        manager.monitorTarget("alive", () -> CompletableFuture.completedFuture("ok"));
        manager.monitorTarget("silent", CompletableFuture::new);

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(listener.timeouts).containsExactly("silent");
        assertThat(manager.isMonitoring("alive")).isTrue();
    }

    @Test
    void rejectsTimeoutNotLongerThanInterval() {
        assertThatThrownBy(() -> new HeartbeatManager<String>(INTERVAL, INTERVAL, listener, Runnable::run, scheduler))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be longer than the heartbeat interval");
    }

    private static final class RecordingListener implements HeartbeatListener<String> {
        final List<String> payloads = new CopyOnWriteArrayList<>();
        final List<String> timeouts = new CopyOnWriteArrayList<>();

        @Override
        public void reportPayload(String targetId, String payload) {
            payloads.add(targetId + "=" + payload);
        }

        @Override
        public void notifyHeartbeatTimeout(String targetId) {
            timeouts.add(targetId);
        }
    }
}
