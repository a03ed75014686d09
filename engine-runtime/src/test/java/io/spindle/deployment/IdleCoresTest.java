package io.spindle.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleCoresTest {
    @Test
    void idleAndIowaitOfAllCoresCountAsIdleAndGuestTimeIsNotCountedTwice() {
        long[] before = IdleCores.totals("cpu  100 0 50 800 50 0 0 0 30 0\ncpu0 50 0 25 400 25 0 0 0 15 0\n");
        long[] after = IdleCores.totals("cpu  400 0 150 1100 100 0 0 0 130 0\ncpu0 200 0 75 550 50 0 0 0 65 0\n");

        assertThat(before).containsExactly(1000, 850);
        assertThat(IdleCores.cores("cpu  1 2 3 4 5\ncpu0 1 2 3 4 5\ncpu1 1 2 3 4 5\nintr 5\n")).isEqualTo(2);
        // 750 jiffies passed, 350 of them idle: on 2 cores, 0.93 of a core was idle.
        assertThat(IdleCores.idleCores(before, after, 2)).isCloseTo(2 * 350 / 750.0, within(1e-9));
    }

    @Test
    void thisMachineReportsBetweenNoneAndAllOfItsCores() throws Exception {
        double idle = IdleCores.measure(Duration.ofMillis(200)).orElseThrow();

        assertThat(idle).isBetween(0.0, (double) Runtime.getRuntime().availableProcessors());
    }
}
