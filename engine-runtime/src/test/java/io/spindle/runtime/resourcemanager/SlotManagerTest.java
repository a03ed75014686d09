package io.spindle.runtime.resourcemanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotManagerTest {
    private static final InetSocketAddress ADDRESS = InetSocketAddress.createUnresolved("127.0.0.1", 1);

    @Test
    void allocatesAllOrNothingAndReleasesPerJob() {
        SlotManager slots = new SlotManager(System::currentTimeMillis);
        slots.registerWorker("tm-1", ADDRESS, ADDRESS, 2);
        slots.registerWorker("tm-2", ADDRESS, ADDRESS, 2);

        List<SlotManager.Allocation> first = slots.tryAllocate("job-a", 3);
        assertThat(first).hasSize(3);
        assertThat(first).extracting(a -> a.worker().resourceId()).containsExactly("tm-1", "tm-1", "tm-2");
        assertThat(first).extracting(SlotManager.Allocation::allocationId).doesNotHaveDuplicates();
        assertThat(slots.tryAllocate("job-b", 2)).as("only one slot is free").isEmpty();
        assertThat(slots.freeSlots()).isEqualTo(1);

        assertThat(slots.releaseJob("job-a")).hasSize(3);
        assertThat(slots.freeSlots()).isEqualTo(4);
    }

    @Test
    void pendingRequestsAreServedInOrderWhenWorkersArrive() {
        SlotManager slots = new SlotManager(System::currentTimeMillis);
        slots.addPending(new SlotManager.PendingRequest("job-a", 2, Long.MAX_VALUE, "a"));
        slots.addPending(new SlotManager.PendingRequest("job-b", 1, Long.MAX_VALUE, "b"));
        assertThat(slots.missingSlots()).isEqualTo(3);

        slots.registerWorker("tm-1", ADDRESS, ADDRESS, 2);
        Map<SlotManager.PendingRequest, List<SlotManager.Allocation>> served = slots.servePending();
        assertThat(served.keySet()).extracting(SlotManager.PendingRequest::jobId).containsExactly("job-a");
        assertThat(slots.missingSlots()).isEqualTo(1);

        slots.registerWorker("tm-2", ADDRESS, ADDRESS, 1);
        assertThat(slots.servePending().keySet()).extracting(SlotManager.PendingRequest::jobId).containsExactly("job-b");
        assertThat(slots.missingSlots()).isZero();
    }

    @Test
    void expiredRequestsLeaveTheQueueAndALostWorkerReturnsItsAllocations() {
        SlotManager slots = new SlotManager(System::currentTimeMillis);
        slots.addPending(new SlotManager.PendingRequest("job-a", 2, 1_000, "a"));
        slots.addPending(new SlotManager.PendingRequest("job-b", 2, 5_000, "b"));
        assertThat(slots.expirePending(2_000)).extracting(SlotManager.PendingRequest::jobId).containsExactly("job-a");

        slots.registerWorker("tm-1", ADDRESS, ADDRESS, 2);
        assertThat(slots.servePending()).hasSize(1);
        assertThat(slots.unregisterWorker("tm-1")).extracting(SlotManager.Allocation::jobId).containsExactly("job-b", "job-b");
        assertThat(slots.totalSlots()).isZero();
    }

    @Test
    void workersIdleForTheTimeoutAreReportedOnlyWhileNothingWaits() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(0);
        SlotManager slots = new SlotManager(now::get);
        slots.registerWorker("tm-1", ADDRESS, ADDRESS, 1);
        slots.registerWorker("tm-2", ADDRESS, ADDRESS, 1);
        slots.tryAllocate("job-a", 1);
        now.set(29_000);
        assertThat(slots.idleWorkers(30_000)).isEmpty();
        now.set(30_000);
        assertThat(slots.idleWorkers(30_000)).extracting(SlotManager.Worker::resourceId).containsExactly("tm-2");

        slots.releaseJob("job-a");
        assertThat(slots.idleWorkers(30_000)).as("tm-1 just became idle").extracting(SlotManager.Worker::resourceId)
                .containsExactly("tm-2");
        slots.addPending(new SlotManager.PendingRequest("job-b", 5, Long.MAX_VALUE, "b"));
        now.set(100_000);
        assertThat(slots.idleWorkers(30_000)).as("a waiting request keeps every worker").isEmpty();
    }
}
