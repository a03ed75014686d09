package io.spindle.yarn.appmaster.resources;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.resourcemanager.ResourceDriver;
import io.spindle.runtime.resourcemanager.ResourceEventHandler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.proto.YarnServiceProtos.SchedulerResourceTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts TaskManagers in YARN containers for the Spindle ResourceManager. A thin adapter: the
 * {@link ContainerAllocator} decides, this class talks to YARN through an {@link AMRMClientAsync}
 * (container requests and releases) and an {@link NMClientAsync} (starting and stopping
 * containers). A TaskManager's resource id is its container id.
 *
 * <p>Threading: {@link ResourceDriver} calls come on the ResourceManager's main thread; every
 * YARN callback is handed to that same thread ({@link MainThreadScheduler}) before it touches
 * any state, so no locks are needed. While container requests are pending the driver heartbeats
 * the YARN ResourceManager every {@code yarn.heartbeat.container-request-interval}, otherwise
 * every {@code yarn.heartbeat.interval}.
 *
 * <p>Registering and unregistering the ApplicationMaster is the entrypoint's job, through
 * {@link #getAMRMClient()} after {@link #initialize} and before {@link #close}.
 */
public final class YarnResourceDriver implements ResourceDriver {
    private static final Logger LOG = LoggerFactory.getLogger(YarnResourceDriver.class);

    private final TaskManagerResourceSpec spec;
    private final YarnClients clients;
    private final TaskManagerLaunchContextFactory launchContexts;
    private final MainThreadScheduler mainThread;
    private final ContainerAllocator allocator;
    private final int pendingHeartbeatMs;
    private final int idleHeartbeatMs;
    /** Our requests at the AMRM client, per spec, so served ones can be withdrawn. */
    private final Map<TaskManagerResourceSpec, Deque<ContainerRequest>> requests = new HashMap<>();

    private ResourceEventHandler handler;
    private volatile AMRMClientAsync<ContainerRequest> resourceManagerClient;
    private NMClientAsync nodeManagerClient;
    private boolean fastHeartbeat;
    private boolean retryScheduled;
    private volatile boolean closed;

    /**
     * @param configuration  Spindle configuration with the {@link YarnResourceOptions}
     * @param spec           the container size of every TaskManager this driver starts
     * @param clients        creates the YARN clients ({@link YarnClients#fromConfiguration} in production)
     * @param launchContexts builds each TaskManager's launch context
     * @param mainThread     the ResourceManager's main thread
     * @param clockMillis    wall clock in milliseconds, for the start failure rate limit
     * @param laterAttempt   whether this ApplicationMaster is attempt 2 or later, which may inherit
     *                       TaskManagers: container requests then wait for the registration
     */
    public YarnResourceDriver(Configuration configuration, TaskManagerResourceSpec spec, YarnClients clients,
            TaskManagerLaunchContextFactory launchContexts, MainThreadScheduler mainThread, LongSupplier clockMillis,
            boolean laterAttempt) {
        this.spec = spec;
        this.clients = clients;
        this.launchContexts = launchContexts;
        this.mainThread = mainThread;
        this.pendingHeartbeatMs = positiveMillis(YarnResourceOptions.CONTAINER_REQUEST_HEARTBEAT_INTERVAL.key(),
                configuration.get(YarnResourceOptions.CONTAINER_REQUEST_HEARTBEAT_INTERVAL));
        this.idleHeartbeatMs = positiveMillis(YarnResourceOptions.HEARTBEAT_INTERVAL_SECONDS.key(),
                Duration.ofSeconds(configuration.get(YarnResourceOptions.HEARTBEAT_INTERVAL_SECONDS)));
        this.allocator = new ContainerAllocator(configuration.get(YarnResourceOptions.START_WORKER_MAX_FAILURE_RATE),
                configuration.get(YarnResourceOptions.START_WORKER_RETRY_INTERVAL), clockMillis);
        if (laterAttempt) {
            allocator.awaitPreviousAttemptContainers();
        }
    }

    @Override
    public void initialize(ResourceEventHandler handler) {
        this.handler = handler;
        AMRMClientAsync<ContainerRequest> rmClient =
                clients.createResourceManagerClient(pendingHeartbeatMs, new ResourceManagerCallbacks());
        // Start fast: a new cluster asks for its first containers within moments, and a heartbeat
        // thread that is asleep on the long interval would only hear of them when it wakes.
        fastHeartbeat = true;
        nodeManagerClient = clients.createNodeManagerClient(new NodeManagerCallbacks());
        rmClient.start();
        nodeManagerClient.start();
        resourceManagerClient = rmClient;
    }

    /**
     * The client to the YARN ResourceManager, for the entrypoint to register and unregister the
     * ApplicationMaster with. Available once {@link #initialize} ran.
     */
    public AMRMClientAsync<ContainerRequest> getAMRMClient() {
        AMRMClientAsync<ContainerRequest> client = resourceManagerClient;
        if (client == null) {
            throw new IllegalStateException("The YARN resource driver is not initialized yet; start the"
                    + " ResourceManager before registering the ApplicationMaster.");
        }
        return client;
    }

    /**
     * Tells the driver what the YARN ResourceManager said at registration: whether its scheduler
     * counts vcores, the largest container it grants, and the containers kept from earlier
     * attempts, whose TaskManagers register with this attempt's JobManager. Any thread.
     */
    public void applicationMasterRegistered(RegisterApplicationMasterResponse response) {
        EnumSet<SchedulerResourceTypes> types = response.getSchedulerResourceTypes();
        boolean countsVcores = types != null && types.contains(SchedulerResourceTypes.CPU);
        Resource largest = response.getMaximumResourceCapability();
        List<Container> inherited = response.getContainersFromPreviousAttempts() == null
                ? List.of() : List.copyOf(response.getContainersFromPreviousAttempts());
        onMainThread(() -> {
            allocator.setCheckVcores(countsVcores);
            if (!inherited.isEmpty()) {
                LOG.info("Keeping {} TaskManager containers of the previous attempt: {}", inherited.size(),
                        inherited.stream().map(container -> container.getId().toString()).toList());
            }
            apply(allocator.onPreviousAttemptContainers(inherited, spec));
            if (largest != null && !spec.fitsInto(largest, countsVcores)) {
                handler.onError(new IllegalArgumentException("TaskManagers need containers of " + spec
                        + ", but the largest container this YARN cluster grants has " + largest.getMemorySize()
                        + " MB / " + largest.getVirtualCores() + " vcores (yarn.scheduler.maximum-allocation-mb,"
                        + " yarn.scheduler.maximum-allocation-vcores). Give TaskManagers less memory or fewer vcores."));
            }
        });
    }

    @Override
    public void requestWorkers(int count) {
        LOG.info("Requesting {} TaskManager containers of {}", count, spec);
        apply(allocator.requestContainers(spec, count));
    }

    /** TaskManagers are containers this driver starts, so idle ones are released and a minimum is started at once. */
    @Override
    public boolean startsWorkersOnDemand() {
        return true;
    }

    @Override
    public void onWorkerRegistered(String resourceId) {
        allocator.onWorkerRegistered(resourceId);
    }

    @Override
    public void releaseWorker(String resourceId) {
        AllocatorDecision decision = allocator.releaseWorker(resourceId);
        if (decision.isEmpty()) {
            LOG.debug("Not releasing TaskManager {}: its container is already gone", resourceId);
            return;
        }
        LOG.info("Stopping TaskManager container {}", resourceId);
        apply(decision);
    }

    @Override
    public void close() {
        closed = true;
        if (nodeManagerClient != null) {
            nodeManagerClient.stop();
        }
        if (resourceManagerClient != null) {
            resourceManagerClient.stop();
        }
    }

    /** Pending container requests at YARN; for monitoring and tests. Main thread only. */
    public int pendingContainerRequests() {
        return allocator.pendingRequests();
    }

    private void apply(AllocatorDecision decision) {
        AMRMClientAsync<ContainerRequest> rmClient = resourceManagerClient;
        for (TaskManagerResourceSpec served : decision.requestsToRemove()) {
            ContainerRequest request = requests.getOrDefault(served, new ArrayDeque<>()).pollFirst();
            if (request != null) {
                rmClient.removeContainerRequest(request);
            }
        }
        for (TaskManagerResourceSpec wanted : decision.requestsToAdd()) {
            ContainerRequest request = new ContainerRequest(wanted.toResource(), null, null, allocator.priorityOf(wanted));
            requests.computeIfAbsent(wanted, s -> new ArrayDeque<>()).addLast(request);
            rmClient.addContainerRequest(request);
        }
        for (Container container : decision.containersToStop()) {
            nodeManagerClient.stopContainerAsync(container.getId(), container.getNodeId());
        }
        for (ContainerId container : decision.containersToRelease()) {
            rmClient.releaseAssignedContainer(container);
        }
        for (AllocatorDecision.WorkerExit exit : decision.exitedWorkers()) {
            LOG.warn("TaskManager {} ended: {}", exit.containerId(), exit.diagnostics());
            handler.onWorkerTerminated(exit.containerId(), exit.diagnostics());
        }
        for (AllocatorDecision.ContainerLaunch launch : decision.launches()) {
            launch(launch);
        }
        adjustHeartbeat();
        scheduleRetryIfDeferred();
    }

    private void launch(AllocatorDecision.ContainerLaunch launch) {
        Container container = launch.container();
        ContainerLaunchContext context;
        try {
            context = launchContexts.create(container, launch.spec());
        } catch (Exception e) {
            LOG.error("Cannot build the launch context of TaskManager container {}; releasing it", container.getId(), e);
            apply(allocator.onContainerStartFailed(container.getId().toString()));
            return;
        }
        LOG.info("Starting TaskManager in container {} on {}", container.getId(), container.getNodeId());
        nodeManagerClient.startContainerAsync(container, context);
    }

    /** Containers come only with heartbeats: heartbeat often while waiting for them, rarely otherwise. */
    private void adjustHeartbeat() {
        boolean waiting = allocator.pendingRequests() > 0;
        if (waiting != fastHeartbeat) {
            fastHeartbeat = waiting;
            resourceManagerClient.setHeartbeatInterval(waiting ? pendingHeartbeatMs : idleHeartbeatMs);
        }
    }

    private void scheduleRetryIfDeferred() {
        if (retryScheduled || allocator.deferredRequests() == 0) {
            return;
        }
        long delay = allocator.millisUntilRetry();
        LOG.warn("TaskManagers failed to start too often; holding back {} container requests for {} ms",
                allocator.deferredRequests(), delay);
        retryScheduled = true;
        try {
            mainThread.schedule(() -> {
                retryScheduled = false;
                if (!closed) {
                    apply(allocator.onRetryTimer());
                }
            }, Duration.ofMillis(delay));
        } catch (RejectedExecutionException e) {
            LOG.debug("Not retrying container requests: the ResourceManager is shut down");
        }
    }

    /** Hands a YARN callback to the main thread; dropped once the driver is closed. */
    private void onMainThread(Runnable task) {
        if (closed) {
            return;
        }
        try {
            mainThread.execute(() -> {
                if (!closed) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropping a YARN event: the ResourceManager is shut down");
        }
    }

    private static int positiveMillis(String key, Duration interval) {
        if (interval.isNegative() || interval.isZero() || interval.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + key + "' must be a positive interval of at most "
                    + Integer.MAX_VALUE + " ms, got " + interval.toMillis() + " ms.");
        }
        return (int) interval.toMillis();
    }

    /** Events from the YARN ResourceManager (AMRM heartbeat thread). */
    private final class ResourceManagerCallbacks extends AMRMClientAsync.AbstractCallbackHandler {
        @Override
        public void onContainersCompleted(List<ContainerStatus> statuses) {
            onMainThread(() -> apply(allocator.onContainersCompleted(statuses)));
        }

        @Override
        public void onContainersAllocated(List<Container> containers) {
            onMainThread(() -> apply(allocator.onContainersAllocated(containers)));
        }

        @Override
        public void onContainersUpdated(List<UpdatedContainer> containers) {
            // The driver never asks for container updates.
        }

        @Override
        public void onShutdownRequest() {
            onMainThread(() -> handler.onError(new IllegalStateException("The YARN ResourceManager asked this"
                    + " ApplicationMaster to shut down: the application was killed or this attempt is no longer valid.")));
        }

        @Override
        public void onNodesUpdated(List<NodeReport> updatedNodes) {
            // Lost nodes show up as completed containers, which is all the driver needs.
        }

        @Override
        public float getProgress() {
            // A Spindle cluster runs until told to stop; it has no progress to report.
            return 0;
        }

        @Override
        public void onError(Throwable error) {
            onMainThread(() -> handler.onError(new IllegalStateException(
                    "Lost the connection to the YARN ResourceManager: " + error.getMessage(), error)));
        }
    }

    /** Events from the NodeManagers (NM client's threads). */
    private final class NodeManagerCallbacks extends NMClientAsync.AbstractCallbackHandler {
        @Override
        public void onContainerStarted(ContainerId containerId, Map<String, ByteBuffer> allServiceResponse) {
            onMainThread(() -> allocator.onContainerStarted(containerId.toString()));
        }

        @Override
        public void onStartContainerError(ContainerId containerId, Throwable error) {
            LOG.warn("NodeManager could not start TaskManager container {}", containerId, error);
            onMainThread(() -> apply(allocator.onContainerStartFailed(containerId.toString())));
        }

        @Override
        public void onStopContainerError(ContainerId containerId, Throwable error) {
            // YARN still reclaims the container: it was released to the ResourceManager as well.
            LOG.warn("NodeManager could not stop TaskManager container {}", containerId, error);
        }

        @Override
        public void onContainerStatusReceived(ContainerId containerId, ContainerStatus containerStatus) {}

        @Override
        public void onContainerStopped(ContainerId containerId) {}

        @Override
        public void onContainerResourceIncreased(ContainerId containerId, Resource resource) {}

        @Override
        public void onContainerResourceUpdated(ContainerId containerId, Resource resource) {}

        @Override
        public void onGetContainerStatusError(ContainerId containerId, Throwable error) {}

        @Override
        public void onIncreaseContainerResourceError(ContainerId containerId, Throwable error) {}

        @Override
        public void onUpdateContainerResourceError(ContainerId containerId, Throwable error) {}
    }
}
