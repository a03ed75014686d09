package io.spindle.runtime.state.timers;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.operators.ManualProcessingTimeService;
import io.spindle.runtime.state.HeapKeyedStateBackend;
import io.spindle.runtime.state.KeyGroupRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalTimerServiceTest {
    private final HeapKeyedStateBackend backend = new HeapKeyedStateBackend(new KeyGroupRange(0, 127), 128);
    private final ManualProcessingTimeService clock = new ManualProcessingTimeService(0);
    private final List<String> fired = new ArrayList<>();
    private final InternalTimerService<String> timers = new InternalTimerService<>(backend, clock, new Triggerable<>() {
        @Override
        public void onEventTime(InternalTimer<String> timer) {
            record("event", timer);
        }

        @Override
        public void onProcessingTime(InternalTimer<String> timer) {
            record("processing", timer);
        }
    });

    private void record(String domain, InternalTimer<String> timer) {
        assertThat(backend.getCurrentKey()).isEqualTo(timer.key());
        fired.add(domain + " " + timer.key() + "/" + timer.namespace() + "@" + timer.timestamp());
    }

    private void registerEventTime(String key, String namespace, long time) {
        backend.setCurrentKey(key);
        timers.registerEventTimeTimer(namespace, time);
    }

    private void registerProcessingTime(String key, String namespace, long time) {
        backend.setCurrentKey(key);
        timers.registerProcessingTimeTimer(namespace, time);
    }

    @Test
    void eventTimeTimersAreDeduplicatedAndFireInTimestampOrderWithTheirKeyAsCurrentKey() throws Exception {
        registerEventTime("k1", "n", 30);
        registerEventTime("k2", "n", 10);
        registerEventTime("k1", "n", 30);
        registerEventTime("k1", "m", 30);
        registerEventTime("k3", "n", 20);

        timers.advanceWatermark(19);
        assertThat(fired).containsExactly("event k2/n@10");
        timers.advanceWatermark(30);

        assertThat(fired).containsExactly("event k2/n@10", "event k3/n@20", "event k1/n@30", "event k1/m@30");
        assertThat(timers.currentWatermark()).isEqualTo(30);
        assertThat(timers.numberOfTimers()).isZero();
    }

    @Test
    void deletedTimersDoNotFireAndCanBeRegisteredAgain() throws Exception {
        registerEventTime("k", "n", 10);
        registerEventTime("k", "n", 20);
        timers.deleteEventTimeTimer("n", 10);
        timers.deleteEventTimeTimer("n", 20);
        registerEventTime("k", "n", 20);

        timers.advanceWatermark(100);

        assertThat(fired).containsExactly("event k/n@20");
    }

    @Test
    void processingTimeTimersUseOneClockTimerForTheEarliestAndFireWhenTheClockReachesThem() throws Exception {
        registerProcessingTime("a", "n", 50);
        registerProcessingTime("b", "n", 30);
        registerProcessingTime("c", "n", 30);
        assertThat(clock.numberOfPendingTimers()).isEqualTo(1);

        clock.advanceTo(29);
        assertThat(fired).isEmpty();
        clock.advanceTo(35);
        assertThat(fired).containsExactly("processing b/n@30", "processing c/n@30");
        assertThat(clock.numberOfPendingTimers()).isEqualTo(1);

        registerProcessingTime("d", "n", 40);
        clock.advanceTo(60);

        assertThat(fired).containsExactly("processing b/n@30", "processing c/n@30", "processing d/n@40",
                "processing a/n@50");
        assertThat(clock.numberOfPendingTimers()).isZero();
    }

    @Test
    void fireAllProcessingTimeTimersFiresPendingOnesInOrderAndStopsTheClockTimer() throws Exception {
        registerProcessingTime("a", "n", 500);
        registerProcessingTime("b", "n", 100);

        timers.fireAllProcessingTimeTimers();

        assertThat(fired).containsExactly("processing b/n@100", "processing a/n@500");
        assertThat(clock.numberOfPendingTimers()).isZero();
    }

    @Test
    void closeCancelsTheClockTimer() {
        registerProcessingTime("a", "n", 100);

        timers.close();

        assertThat(clock.numberOfPendingTimers()).isZero();
    }
}
