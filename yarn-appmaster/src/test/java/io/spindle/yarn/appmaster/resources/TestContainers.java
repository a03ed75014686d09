package io.spindle.yarn.appmaster.resources;

import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;

/** Builds YARN records the way a YARN ResourceManager would hand them out. */
final class TestContainers {
    private static final ApplicationAttemptId ATTEMPT =
            ApplicationAttemptId.newInstance(ApplicationId.newInstance(1_700_000_000_000L, 7), 1);
    private long nextId = 2;

    Container allocate(int memoryMb, int vcores, Priority priority) {
        ContainerId id = ContainerId.newContainerId(ATTEMPT, nextId++);
        return Container.newInstance(id, NodeId.newInstance("node-" + (nextId % 3), 45454), "node:8042",
                Resource.newInstance(memoryMb, vcores), priority, null);
    }

    static ContainerStatus completed(Container container, int exitStatus, String diagnostics) {
        return ContainerStatus.newInstance(container.getId(), ContainerState.COMPLETE, diagnostics, exitStatus);
    }
}
