package io.spindle.yarn.appmaster.resources;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * What the {@link ContainerAllocator} wants done after an event; the {@link YarnResourceDriver}
 * carries it out against YARN. Each list entry stands for one action.
 *
 * @param requestsToAdd     one container request to add per entry, for that spec
 * @param requestsToRemove  one container request to withdraw per entry (it was served)
 * @param launches          containers to start a TaskManager in
 * @param containersToStop  containers whose TaskManager is to be stopped through its NodeManager
 * @param containersToRelease containers to hand back to YARN
 * @param exitedWorkers     TaskManagers whose container ended; reported to the Spindle ResourceManager
 */
public record AllocatorDecision(
        List<TaskManagerResourceSpec> requestsToAdd,
        List<TaskManagerResourceSpec> requestsToRemove,
        List<ContainerLaunch> launches,
        List<Container> containersToStop,
        List<ContainerId> containersToRelease,
        List<WorkerExit> exitedWorkers) {

    /** Start a TaskManager of {@code spec} in {@code container}. */
    public record ContainerLaunch(Container container, TaskManagerResourceSpec spec) {}

    /** The TaskManager in container {@code containerId} is gone, for the reason in {@code diagnostics}. */
    public record WorkerExit(String containerId, String diagnostics) {}

    static AllocatorDecision empty() {
        return new AllocatorDecision(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>());
    }

    public boolean isEmpty() {
        return requestsToAdd.isEmpty() && requestsToRemove.isEmpty() && launches.isEmpty()
                && containersToStop.isEmpty() && containersToRelease.isEmpty() && exitedWorkers.isEmpty();
    }
}
