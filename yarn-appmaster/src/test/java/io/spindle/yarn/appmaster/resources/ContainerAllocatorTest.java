package io.spindle.yarn.appmaster.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.Priority;
import org.junit.jupiter.api.Test;

class ContainerAllocatorTest {
    private static final TaskManagerResourceSpec SPEC = new TaskManagerResourceSpec(1024, 2);

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ContainerAllocator allocator = new ContainerAllocator(2, Duration.ofSeconds(3), clock::get);
    private final TestContainers containers = new TestContainers();

    @Test
    void launchesAllocatedContainersAndKeepsTheRestPending() {
        AllocatorDecision requested = allocator.requestContainers(SPEC, 3);
        assertThat(requested.requestsToAdd()).containsExactly(SPEC, SPEC, SPEC);
        assertThat(allocator.pendingRequests()).isEqualTo(3);

        Container first = fitting();
        Container second = fitting();
        AllocatorDecision allocated = allocator.onContainersAllocated(List.of(first, second));

        assertThat(allocated.launches()).extracting(AllocatorDecision.ContainerLaunch::container)
                .containsExactly(first, second);
        assertThat(allocated.launches()).allMatch(launch -> launch.spec().equals(SPEC));
        assertThat(allocated.requestsToRemove()).containsExactly(SPEC, SPEC);
        assertThat(allocated.containersToRelease()).isEmpty();
        assertThat(allocator.pendingRequests()).isEqualTo(1);
        assertThat(allocator.launchingContainers()).isEqualTo(2);

        allocator.onContainerStarted(first.getId().toString());
        assertThat(allocator.runningContainers()).isEqualTo(1);
        assertThat(allocator.launchingContainers()).isEqualTo(1);
    }

    @Test
    void releasesContainersNoRequestWaitsFor() {
        allocator.requestContainers(SPEC, 1);
        Container wanted = fitting();
        Container surplus = fitting();
        Container unknownPriority = containers.allocate(1024, 2, Priority.newInstance(42));

        AllocatorDecision allocated = allocator.onContainersAllocated(List.of(wanted, surplus, unknownPriority));

        assertThat(allocated.launches()).extracting(AllocatorDecision.ContainerLaunch::container).containsExactly(wanted);
        assertThat(allocated.containersToRelease()).containsExactly(surplus.getId(), unknownPriority.getId());
        assertThat(allocator.pendingRequests()).isZero();
    }

    @Test
    void releasesAndRequestsAgainWhenAContainerIsSmallerThanTheSpec() {
        allocator.requestContainers(SPEC, 1);
        Container tooLittleMemory = containers.allocate(512, 2, allocator.priorityOf(SPEC));

        AllocatorDecision allocated = allocator.onContainersAllocated(List.of(tooLittleMemory));

        assertThat(allocated.launches()).isEmpty();
        assertThat(allocated.containersToRelease()).containsExactly(tooLittleMemory.getId());
        assertThat(allocated.requestsToRemove()).containsExactly(SPEC);
        assertThat(allocated.requestsToAdd()).containsExactly(SPEC);
        assertThat(allocator.pendingRequests()).isEqualTo(1);
    }

    @Test
    void vcoresCountOnlyWhenTheSchedulerCountsThem() {
        allocator.requestContainers(SPEC, 2);
        Container oneVcore = containers.allocate(1024, 1, allocator.priorityOf(SPEC));
        assertThat(allocator.onContainersAllocated(List.of(oneVcore)).launches()).isEmpty();

        allocator.setCheckVcores(false);
        Container another = containers.allocate(1024, 1, allocator.priorityOf(SPEC));
        assertThat(allocator.onContainersAllocated(List.of(another)).launches()).hasSize(1);
    }

    @Test
    void eachSpecHasItsOwnPriority() {
        TaskManagerResourceSpec big = new TaskManagerResourceSpec(4096, 4);
        allocator.requestContainers(SPEC, 1);
        allocator.requestContainers(big, 1);
        assertThat(allocator.priorityOf(big)).isNotEqualTo(allocator.priorityOf(SPEC));

        Container forBig = containers.allocate(4096, 4, allocator.priorityOf(big));
        AllocatorDecision allocated = allocator.onContainersAllocated(List.of(forBig));

        assertThat(allocated.launches()).singleElement().extracting(AllocatorDecision.ContainerLaunch::spec).isEqualTo(big);
        assertThat(allocated.requestsToRemove()).containsExactly(big);
    }

    @Test
    void reportsExitsOfRunningContainersWithoutRequestingReplacements() {
        Container container = launchAndStart();

        AllocatorDecision completed = allocator.onContainersCompleted(List.of(
                TestContainers.completed(container, 1, "Exception from container-launch: exit code 1")));

        assertThat(completed.exitedWorkers()).singleElement().satisfies(exit -> {
            assertThat(exit.containerId()).isEqualTo(container.getId().toString());
            assertThat(exit.diagnostics()).contains("exited with status 1", "exit code 1",
                    container.getNodeId().toString());
        });
        assertThat(completed.requestsToAdd()).isEmpty();
        assertThat(allocator.runningContainers()).isZero();
    }

    @Test
    void releasedWorkersAreStoppedAndTheirExitIsNotReported() {
        Container container = launchAndStart();

        AllocatorDecision released = allocator.releaseWorker(container.getId().toString());
        assertThat(released.containersToStop()).containsExactly(container);
        assertThat(released.containersToRelease()).containsExactly(container.getId());

        AllocatorDecision completed = allocator.onContainersCompleted(List.of(
                TestContainers.completed(container, ContainerExitStatus.KILLED_BY_APPMASTER, "stopped")));
        assertThat(completed.isEmpty()).isTrue();
        assertThat(allocator.releaseWorker(container.getId().toString()).isEmpty()).isTrue();
    }

    @Test
    void replacesContainersThatFailToStart() {
        allocator.requestContainers(SPEC, 1);
        Container container = fitting();
        allocator.onContainersAllocated(List.of(container));

        AllocatorDecision failed = allocator.onContainerStartFailed(container.getId().toString());

        assertThat(failed.containersToRelease()).containsExactly(container.getId());
        assertThat(failed.requestsToAdd()).containsExactly(SPEC);
        assertThat(failed.exitedWorkers()).isEmpty();
        assertThat(allocator.pendingRequests()).isEqualTo(1);
    }

    @Test
    void containerThatEndsBeforeItsTaskManagerStartedIsReplaced() {
        allocator.requestContainers(SPEC, 1);
        Container container = fitting();
        allocator.onContainersAllocated(List.of(container));

        AllocatorDecision completed = allocator.onContainersCompleted(List.of(
                TestContainers.completed(container, ContainerExitStatus.ABORTED, "node lost")));

        assertThat(completed.requestsToAdd()).containsExactly(SPEC);
        assertThat(completed.exitedWorkers()).isEmpty();
    }

    @Test
    void pausesRequestsWhenStartsFailTooOftenAndResumesAfterTheRetryInterval() {
        allocator.requestContainers(SPEC, 3);
        List<Container> launched = List.of(fitting(), fitting(), fitting());
        allocator.onContainersAllocated(launched);

        // Two failures per minute are allowed: each is replaced at once.
        assertThat(allocator.onContainerStartFailed(launched.get(0).getId().toString()).requestsToAdd()).hasSize(1);
        clock.addAndGet(1_000);
        assertThat(allocator.onContainerStartFailed(launched.get(1).getId().toString()).requestsToAdd()).hasSize(1);

        // The third within the minute pauses requests for the retry interval.
        clock.addAndGet(1_000);
        AllocatorDecision third = allocator.onContainerStartFailed(launched.get(2).getId().toString());
        assertThat(third.requestsToAdd()).isEmpty();
        assertThat(third.containersToRelease()).containsExactly(launched.get(2).getId());
        assertThat(allocator.millisUntilRetry()).isEqualTo(3_000);
        assertThat(allocator.requestContainers(SPEC, 2).requestsToAdd()).isEmpty();
        assertThat(allocator.deferredRequests()).isEqualTo(3);
        assertThat(allocator.pendingRequests()).isEqualTo(2);

        clock.addAndGet(2_999);
        assertThat(allocator.onRetryTimer().isEmpty()).isTrue();

        clock.addAndGet(1);
        AllocatorDecision resumed = allocator.onRetryTimer();
        assertThat(resumed.requestsToAdd()).containsExactly(SPEC, SPEC, SPEC);
        assertThat(allocator.deferredRequests()).isZero();
        assertThat(allocator.pendingRequests()).isEqualTo(5);
        assertThat(allocator.requestContainers(SPEC, 1).requestsToAdd()).containsExactly(SPEC);
    }

    @Test
    void failuresOlderThanAMinuteNoLongerCount() {
        allocator.requestContainers(SPEC, 3);
        List<Container> launched = List.of(fitting(), fitting(), fitting());
        allocator.onContainersAllocated(launched);

        allocator.onContainerStartFailed(launched.get(0).getId().toString());
        allocator.onContainerStartFailed(launched.get(1).getId().toString());
        clock.addAndGet(60_000);
        AllocatorDecision third = allocator.onContainerStartFailed(launched.get(2).getId().toString());

        assertThat(third.requestsToAdd()).containsExactly(SPEC);
        assertThat(allocator.millisUntilRetry()).isZero();
    }

    @Test
    void crashingTaskManagersCountTowardsTheFailureRateButPreemptionDoesNot() {
        for (int i = 0; i < 3; i++) {
            Container preempted = launchAndStart();
            allocator.onContainersCompleted(List.of(
                    TestContainers.completed(preempted, ContainerExitStatus.PREEMPTED, "preempted")));
        }
        assertThat(allocator.millisUntilRetry()).isZero();

        for (int i = 0; i < 3; i++) {
            Container crashed = launchAndStart();
            allocator.onContainersCompleted(List.of(TestContainers.completed(crashed, 1, "crashed")));
        }
        assertThat(allocator.millisUntilRetry()).isEqualTo(3_000);
        assertThat(allocator.requestContainers(SPEC, 1).requestsToAdd()).isEmpty();
    }

    @Test
    void aLaterAttemptHoldsItsRequestsUntilTheInheritedContainersServeThem() {
        allocator.awaitPreviousAttemptContainers();
        assertThat(allocator.requestContainers(SPEC, 3).requestsToAdd()).isEmpty();
        assertThat(allocator.heldRequests()).isEqualTo(3);

        AllocatorDecision registered = allocator.onPreviousAttemptContainers(List.of(fitting(), fitting()), SPEC);

        assertThat(registered.requestsToAdd()).containsExactly(SPEC);
        assertThat(registered.launches()).as("inherited TaskManagers run already").isEmpty();
        assertThat(allocator.heldRequests()).isZero();
        assertThat(allocator.runningContainers()).isEqualTo(2);
        assertThat(allocator.pendingRequests()).isEqualTo(1);
    }

    @Test
    void anInheritedContainerServesARequestOnlyWhileItsTaskManagerHasNotRegistered() {
        Container first = fitting();
        Container second = fitting();
        allocator.onPreviousAttemptContainers(List.of(first, second), SPEC);
        allocator.onWorkerRegistered(second.getId().toString());

        assertThat(allocator.requestContainers(SPEC, 1).requestsToAdd()).as("served by the first").isEmpty();
        assertThat(allocator.requestContainers(SPEC, 1).requestsToAdd()).as("the second counts already")
                .containsExactly(SPEC);
    }

    @Test
    void theEndOfAnUnclaimedUnregisteredInheritedContainerIsNotAWorkerExit() {
        Container claimed = fitting();
        Container unclaimed = fitting();
        allocator.onPreviousAttemptContainers(List.of(claimed, unclaimed), SPEC);
        allocator.requestContainers(SPEC, 1);

        AllocatorDecision ended = allocator.onContainersCompleted(List.of(
                TestContainers.completed(claimed, ContainerExitStatus.ABORTED, "node lost"),
                TestContainers.completed(unclaimed, ContainerExitStatus.ABORTED, "node lost")));

        assertThat(ended.exitedWorkers()).extracting(AllocatorDecision.WorkerExit::containerId)
                .containsExactly(claimed.getId().toString());
        assertThat(allocator.runningContainers()).isZero();
    }

    @Test
    void aFirstAttemptWithoutInheritedContainersRequestsAtOnce() {
        assertThat(allocator.onPreviousAttemptContainers(List.of(), SPEC).isEmpty()).isTrue();
        assertThat(allocator.requestContainers(SPEC, 2).requestsToAdd()).containsExactly(SPEC, SPEC);
    }

    private Container fitting() {
        return containers.allocate(SPEC.memoryMb(), SPEC.vcores(), allocator.priorityOf(SPEC));
    }

    private Container launchAndStart() {
        allocator.requestContainers(SPEC, 1);
        Container container = fitting();
        assertThat(allocator.onContainersAllocated(List.of(container)).launches()).hasSize(1);
        allocator.onContainerStarted(container.getId().toString());
        return container;
    }
}
