package io.spindle.yarn.appmaster.resources;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdateContainerRequest;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;

/** YARN clients that record what the driver asks of them; tests fire the callbacks themselves. */
final class FakeYarnClients implements YarnClients {
    FakeResourceManagerClient resourceManager;
    FakeNodeManagerClient nodeManager;
    AMRMClientAsync.AbstractCallbackHandler resourceManagerCallbacks;
    NMClientAsync.AbstractCallbackHandler nodeManagerCallbacks;

    @Override
    public AMRMClientAsync<ContainerRequest> createResourceManagerClient(int heartbeatIntervalMs,
            AMRMClientAsync.AbstractCallbackHandler handler) {
        resourceManagerCallbacks = handler;
        resourceManager = new FakeResourceManagerClient(heartbeatIntervalMs, handler);
        resourceManager.init(new Configuration(false));
        return resourceManager;
    }

    @Override
    public NMClientAsync createNodeManagerClient(NMClientAsync.AbstractCallbackHandler handler) {
        nodeManagerCallbacks = handler;
        nodeManager = new FakeNodeManagerClient(handler);
        nodeManager.init(new Configuration(false));
        return nodeManager;
    }

    static final class FakeResourceManagerClient extends AMRMClientAsync<ContainerRequest> {
        final List<ContainerRequest> requests = new ArrayList<>();
        final List<ContainerRequest> removedRequests = new ArrayList<>();
        final List<ContainerId> released = new ArrayList<>();
        final List<Integer> heartbeatIntervals = new ArrayList<>();

        FakeResourceManagerClient(int heartbeatIntervalMs, AbstractCallbackHandler handler) {
            super(null, heartbeatIntervalMs, handler);
            heartbeatIntervals.add(heartbeatIntervalMs);
        }

        int heartbeatInterval() {
            return heartbeatIntervals.get(heartbeatIntervals.size() - 1);
        }

        @Override
        public void setHeartbeatInterval(int interval) {
            super.setHeartbeatInterval(interval);
            heartbeatIntervals.add(interval);
        }

        @Override
        public void addContainerRequest(ContainerRequest request) {
            requests.add(request);
        }

        @Override
        public void removeContainerRequest(ContainerRequest request) {
            if (!requests.remove(request)) {
                throw new AssertionError("removed a request that was never added: " + request);
            }
            removedRequests.add(request);
        }

        @Override
        public void releaseAssignedContainer(ContainerId containerId) {
            released.add(containerId);
        }

        @Override
        public List<? extends java.util.Collection<ContainerRequest>> getMatchingRequests(
                Priority priority, String resourceName, Resource capability) {
            throw new UnsupportedOperationException("the driver matches containers itself");
        }

        @Override
        public RegisterApplicationMasterResponse registerApplicationMaster(String host, int port, String trackingUrl) {
            throw new UnsupportedOperationException("registration is the entrypoint's job");
        }

        @Override
        public void unregisterApplicationMaster(FinalApplicationStatus status, String message, String trackingUrl) {
            throw new UnsupportedOperationException("unregistration is the entrypoint's job");
        }

        @Override
        public void requestContainerUpdate(Container container, UpdateContainerRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Resource getAvailableResources() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getClusterNodeCount() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateBlacklist(List<String> additions, List<String> removals) {
            throw new UnsupportedOperationException();
        }
    }

    static final class FakeNodeManagerClient extends NMClientAsync {
        final List<Container> started = new ArrayList<>();
        final List<ContainerLaunchContext> launchContexts = new ArrayList<>();
        final List<ContainerId> stopped = new ArrayList<>();
        final List<NodeId> stoppedOn = new ArrayList<>();

        FakeNodeManagerClient(AbstractCallbackHandler handler) {
            super("fake-nm-client", null, handler);
        }

        @Override
        public void startContainerAsync(Container container, ContainerLaunchContext context) {
            started.add(container);
            launchContexts.add(context);
        }

        @Override
        public void stopContainerAsync(ContainerId containerId, NodeId nodeId) {
            stopped.add(containerId);
            stoppedOn.add(nodeId);
        }

        @Override
        public void increaseContainerResourceAsync(Container container) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateContainerResourceAsync(Container container) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void reInitializeContainerAsync(ContainerId id, ContainerLaunchContext context, boolean autoCommit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restartContainerAsync(ContainerId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void rollbackLastReInitializationAsync(ContainerId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void commitLastReInitializationAsync(ContainerId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void getContainerStatusAsync(ContainerId id, NodeId nodeId) {
            throw new UnsupportedOperationException();
        }
    }

    /** A main thread that runs nothing until the test says so, like a busy ResourceManager thread. */
    static final class ManualMainThread implements MainThreadScheduler {
        final Queue<Runnable> queued = new ArrayDeque<>();
        final List<Runnable> delayed = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        @Override
        public void schedule(Runnable task, Duration delay) {
            delayed.add(task);
            delays.add(delay);
        }

        void runQueued() {
            Runnable task;
            while ((task = queued.poll()) != null) {
                task.run();
            }
        }
    }
}
