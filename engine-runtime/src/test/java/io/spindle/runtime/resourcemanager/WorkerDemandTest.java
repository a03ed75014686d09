package io.spindle.runtime.resourcemanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkerDemandTest {
    @Test
    void withoutAMinimumWorkersFollowTheSlotsJobsWaitFor() {
        WorkerDemand demand = new WorkerDemand(2, 0);

        assertThat(demand.workersToRequest(0, 0, 0)).isZero();
        assertThat(demand.workersToRequest(3, 0, 0)).isEqualTo(2);
        assertThat(demand.workersToRequest(3, 0, 1)).isEqualTo(1);
        assertThat(demand.workersToRequest(3, 0, 2)).isZero();
        assertThat(demand.mayRelease(1)).isTrue();
    }

    @Test
    void aMinimumOfSlotsIsRequestedAtOnceAndKept() {
        WorkerDemand demand = new WorkerDemand(2, 3);

        assertThat(demand.workersToRequest(0, 0, 0)).as("at start, for 3 slots of 2 per worker").isEqualTo(2);
        assertThat(demand.workersToRequest(0, 0, 2)).as("already coming").isZero();
        assertThat(demand.workersToRequest(0, 1, 0)).as("one was lost").isEqualTo(1);
        assertThat(demand.mayRelease(2)).isFalse();
        assertThat(demand.mayRelease(3)).isTrue();
    }

    @Test
    void jobsAboveTheMinimumGetTheirOwnWorkers() {
        WorkerDemand demand = new WorkerDemand(1, 2);

        assertThat(demand.workersToRequest(4, 2, 0)).isEqualTo(4);
        assertThat(demand.workersToRequest(1, 0, 2)).as("the minimum's workers will serve the job").isZero();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new WorkerDemand(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerDemand(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
