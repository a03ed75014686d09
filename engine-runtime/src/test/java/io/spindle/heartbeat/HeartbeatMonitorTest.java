package io.spindle.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeartbeatMonitorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> timeouts = new CopyOnWriteArrayList<>();
    private final HeartbeatMonitor monitor = new HeartbeatMonitor(TIMEOUT, timeouts::add, Runnable::run, scheduler);

    @Test
    void regularRequestsKeepTheSourceAlive() {
        monitor.monitorSource("jobmanager");
        for (int i = 0; i < 10; i++) {
            scheduler.advance(Duration.ofSeconds(2));
            assertThat(monitor.recordHeartbeat("jobmanager")).isTrue();
        }
        assertThat(timeouts).isEmpty();
    }

    @Test
    void firesOnceWhenRequestsStop() {
        monitor.monitorSource("jobmanager");
        scheduler.advance(Duration.ofSeconds(2));
        monitor.recordHeartbeat("jobmanager");

        scheduler.advance(Duration.ofMillis(2_999));
        assertThat(timeouts).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(timeouts).containsExactly("jobmanager");

        scheduler.advance(Duration.ofSeconds(30));
        assertThat(timeouts).containsExactly("jobmanager");
        assertThat(monitor.isMonitoring("jobmanager")).isFalse();
    }

    @Test
    void firesWhenNoRequestEverArrives() {
        monitor.monitorSource("resourcemanager");
        scheduler.advance(TIMEOUT);
        assertThat(timeouts).containsExactly("resourcemanager");
    }

    @Test
    void heartbeatsOfUnmonitoredOrTimedOutSourcesAreNotRecorded() {
        assertThat(monitor.recordHeartbeat("stranger")).isFalse();

        monitor.monitorSource("jobmanager");
        scheduler.advance(TIMEOUT);
        assertThat(monitor.recordHeartbeat("jobmanager")).isFalse();
        assertThat(monitor.isMonitoring("jobmanager")).isFalse();
    }

    @Test
    void unmonitoredSourceNeverFires() {
        monitor.monitorSource("jobmanager");
        monitor.unmonitorSource("jobmanager");
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(timeouts).isEmpty();
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void remonitoringRestartsTheCountdown() {
        monitor.monitorSource("jobmanager");
        scheduler.advance(Duration.ofSeconds(2));
        monitor.monitorSource("jobmanager");
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(timeouts).isEmpty();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(timeouts).containsExactly("jobmanager");
    }

    @Test
    void worksOnARealScheduledExecutor() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            List<String> lost = new CopyOnWriteArrayList<>();
            HeartbeatMonitor real = new HeartbeatMonitor(Duration.ofMillis(50), lost::add, executor,
                    HeartbeatScheduler.of(executor));
            real.monitorSource("jobmanager");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lost.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(lost).containsExactly("jobmanager");
        } finally {
            executor.shutdownNow();
        }
    }
}
