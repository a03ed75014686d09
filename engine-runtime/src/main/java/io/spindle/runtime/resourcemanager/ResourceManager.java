package io.spindle.runtime.resourcemanager;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.spindle.heartbeat.HeartbeatListener;
import io.spindle.heartbeat.HeartbeatManager;
import io.spindle.heartbeat.HeartbeatScheduler;
import io.spindle.rpc.FencedRpcEndpoint;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.messages.Address;
import io.spindle.runtime.messages.AllocateSlot;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.JobIdMessage;
import io.spindle.runtime.messages.RegisterTaskExecutor;
import io.spindle.runtime.messages.RegistrationResponse;
import io.spindle.runtime.messages.RequestSlots;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.messages.SlotGrants;
import io.spindle.runtime.messages.SlotReport;
import io.spindle.runtime.messages.TaskManagerInfoMessage;
import io.spindle.runtime.messages.TaskManagerResources;
import io.spindle.runtime.messages.TaskManagerList;
import io.spindle.runtime.taskexecutor.TaskExecutorGateway;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cluster's slots: TaskExecutors register and are watched with heartbeats,
 * JobMasters request slots and release them when their job ends, and a {@link ResourceDriver}
 * is asked for more workers when requests cannot be served. Fenced by the JobManager's leader
 * session.
 */
public final class ResourceManager extends FencedRpcEndpoint implements HeartbeatListener<SlotReport>, ResourceEventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceManager.class);

    private final UUID leaderSessionId;
    private final ResourceDriver driver;
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    private final WorkerDemand workerDemand;
    private final SlotManager slotManager = new SlotManager(System::currentTimeMillis);
    private final Duration idleWorkerTimeout;
    private final Consumer<Throwable> fatalErrorHandler;
    private final HeartbeatManager<SlotReport> heartbeats;
    private final Map<String, TaskExecutorGateway> gateways = new HashMap<>();
    private final Map<String, Long> lastHeartbeats = new HashMap<>();
    private final Map<String, TaskManagerResources> resourcesOfWorkers = new HashMap<>();
    /** Workers requested from the driver that have not registered yet. */
    private int requestedWorkers;
    /** Workers that registered at least once and whose process has not been reported ended. */
    private final Set<String> knownWorkers = new HashSet<>();
    /** Set once the TaskManagers were told to exit: those that leave are not replaced. */
    private boolean shuttingDown;

    public ResourceManager(RpcService rpcService, UUID leaderSessionId, ResourceDriver driver, int slotsPerWorker,
            int minSlots, Duration heartbeatInterval, Duration heartbeatTimeout, Duration idleWorkerTimeout, ScheduledExecutorService scheduler,
            Consumer<Throwable> fatalErrorHandler) {
        super(rpcService, ResourceManagerGateway.ENDPOINT_ID);
        this.leaderSessionId = leaderSessionId;
        this.driver = driver;
        this.workerDemand = new WorkerDemand(slotsPerWorker, minSlots);
        this.heartbeatInterval = heartbeatInterval;
        this.heartbeatTimeout = heartbeatTimeout;
        this.idleWorkerTimeout = idleWorkerTimeout;
        this.fatalErrorHandler = fatalErrorHandler;
        this.heartbeats = new HeartbeatManager<>(heartbeatInterval, heartbeatTimeout, this, getMainThreadExecutor(),
                HeartbeatScheduler.of(scheduler));
    }

    @Override
    protected void onStart() {
        setFencingToken(leaderSessionId);
        try {
            driver.initialize(this);
        } catch (Exception e) {
            // Without its driver the cluster can get no workers: end it with the reason.
            fatalErrorHandler.accept(e);
            return;
        }
        if (driver.startsWorkersOnDemand()) {
            // The configured minimum of slots is started now, while no job waits yet.
            askForWorkers();
        }
        scheduleExpiry();
    }

    /** Number of registered TaskExecutors and their free and total slots; for monitoring and tests. */
    public CompletableFuture<int[]> requestSlotCounts() {
        return CompletableFuture.supplyAsync(
                () -> new int[] {slotManager.registeredWorkers(), slotManager.freeSlots(), slotManager.totalSlots()},
                getMainThreadExecutor());
    }

    @Override
    protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
        return switch (method) {
            case ResourceManagerGateway.REGISTER_TASK_EXECUTOR -> registerTaskExecutor(RegisterTaskExecutor.parseFrom(payload));
            case ResourceManagerGateway.REQUEST_SLOTS -> requestSlots(RequestSlots.parseFrom(payload));
            case ResourceManagerGateway.REQUEST_TASK_MANAGERS -> CompletableFuture.completedFuture(taskManagerList());
            case ResourceManagerGateway.SHUT_DOWN_TASK_MANAGERS -> {
                // The cluster is going away: the TaskManagers that leave now are not replaced.
                shuttingDown = true;
                List<CompletableFuture<Empty>> told = new ArrayList<>();
                gateways.values().forEach(gateway -> told.add(gateway.shutDown()));
                yield CompletableFuture.allOf(told.toArray(CompletableFuture[]::new))
                        .handle((ignored, failure) -> Empty.getDefaultInstance());
            }
            case ResourceManagerGateway.RELEASE_SLOTS -> {
                releaseSlots(JobIdMessage.parseFrom(payload).getJobId());
                yield CompletableFuture.completedFuture(Empty.getDefaultInstance());
            }
            default -> throw unknownMethod(method);
        };
    }

    private CompletableFuture<RegistrationResponse> registerTaskExecutor(RegisterTaskExecutor request) {
        String resourceId = request.getResourceId();
        InetSocketAddress rpcAddress = toSocketAddress(request.getRpcAddress());
        return getRpcService().connect(rpcAddress, TaskExecutorGateway.ENDPOINT_ID).thenApplyAsync(rpc -> {
            if (slotManager.isRegistered(resourceId)) {
                // A TaskExecutor that registers again (it lost us, or restarted) starts afresh; it is
                // no lost worker, so nothing is requested in its place.
                LOG.info("TaskManager {} registers again; its slots start afresh", resourceId);
                forgetWorker(resourceId);
            }
            TaskExecutorGateway gateway = new TaskExecutorGateway(rpc);
            gateways.put(resourceId, gateway);
            resourcesOfWorkers.put(resourceId, request.getResources());
            slotManager.registerWorker(resourceId, rpcAddress, toSocketAddress(request.getDataAddress()), request.getNumberOfSlots());
            driver.onWorkerRegistered(resourceId);
            if (knownWorkers.add(resourceId)) {
                // Its first registration: one requested worker has arrived (a re-registration is not a new one).
                requestedWorkers = Math.max(0, requestedWorkers - 1);
            }
            heartbeats.monitorTarget(resourceId, () -> gateway.heartbeatFromResourceManager(getEndpointId()));
            // A closed connection means the process is gone: no need to wait for the heartbeat timeout.
            rpc.addDisconnectListener(() -> runAsync(() -> {
                if (gateways.get(resourceId) == gateway) {
                    workerLost(resourceId, "the connection to it was lost");
                }
            }));
            LOG.info("Registered TaskManager {} at {} with {} slots", resourceId, rpcAddress, request.getNumberOfSlots());
            servePendingRequests();
            return RegistrationResponse.newBuilder()
                    .setResourceManagerId(leaderSessionId.toString())
                    .setHeartbeatIntervalMs(heartbeatInterval.toMillis())
                    .setHeartbeatTimeoutMs(heartbeatTimeout.toMillis())
                    .build();
        }, getMainThreadExecutor());
    }

    private CompletableFuture<SlotGrants> requestSlots(RequestSlots request) {
        CompletableFuture<SlotGrants> granted = new CompletableFuture<>();
        List<SlotManager.Allocation> allocations = slotManager.tryAllocate(request.getJobId(), request.getCount());
        if (!allocations.isEmpty()) {
            confirmAllocations(allocations, granted);
            return granted;
        }
        // Otherwise a job waiting for slots is silent until its request times out, minutes later.
        LOG.info("Job {} asks for {} slots, {} of {} are free: it waits until TaskManagers offer enough, or other jobs"
                + " release theirs, for at most {} ms (slot.request.timeout)", request.getJobId(), request.getCount(),
                slotManager.freeSlots(), slotManager.totalSlots(), request.getTimeoutMs());
        slotManager.addPending(new SlotManager.PendingRequest(request.getJobId(), request.getCount(),
                System.currentTimeMillis() + request.getTimeoutMs(), granted));
        askForWorkers();
        return granted;
    }

    /** Tells each TaskExecutor about its allocation, then grants the slots. */
    private void confirmAllocations(List<SlotManager.Allocation> allocations, CompletableFuture<SlotGrants> granted) {
        List<CompletableFuture<Empty>> confirmations = new ArrayList<>();
        SlotGrants.Builder grants = SlotGrants.newBuilder();
        for (SlotManager.Allocation allocation : allocations) {
            SlotManager.Worker worker = allocation.worker();
            confirmations.add(gateways.get(worker.resourceId()).allocateSlot(AllocateSlot.newBuilder()
                    .setSlotIndex(allocation.slotIndex())
                    .setAllocationId(allocation.allocationId())
                    .setJobId(allocation.jobId())
                    .build()));
            grants.addSlots(SlotGrant.newBuilder()
                    .setResourceId(worker.resourceId())
                    .setSlotIndex(allocation.slotIndex())
                    .setAllocationId(allocation.allocationId())
                    .setRpcAddress(toAddress(worker.rpcAddress()))
                    .setDataAddress(toAddress(worker.dataAddress())));
        }
        CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).whenCompleteAsync((ignored, failure) -> {
            if (failure != null) {
                releaseSlots(allocations.get(0).jobId());
                granted.completeExceptionally(failure);
            } else {
                granted.complete(grants.build());
            }
        }, getMainThreadExecutor());
    }

    @SuppressWarnings("unchecked")
    private void releaseSlots(String jobId) {
        for (SlotManager.PendingRequest request : slotManager.removePending(jobId)) {
            ((CompletableFuture<SlotGrants>) request.handle()).completeExceptionally(
                    new IllegalStateException("job " + jobId + " released its slots while this request waited"));
        }
        for (SlotManager.Allocation allocation : slotManager.releaseJob(jobId)) {
            TaskExecutorGateway gateway = gateways.get(allocation.worker().resourceId());
            if (gateway != null) {
                gateway.freeSlot(allocation.allocationId());
            }
        }
        servePendingRequests();
    }

    @SuppressWarnings("unchecked")
    private void servePendingRequests() {
        slotManager.servePending().forEach((request, allocations) ->
                confirmAllocations(allocations, (CompletableFuture<SlotGrants>) request.handle()));
    }

    private void askForWorkers() {
        int missingWorkers = workerDemand.workersToRequest(slotManager.missingSlots(), slotManager.registeredWorkers(),
                requestedWorkers);
        if (missingWorkers > 0) {
            requestedWorkers += missingWorkers;
            driver.requestWorkers(missingWorkers);
        }
    }

    /**
     * Every 100 ms: fails slot requests that waited longer than they were willing to, and stops
     * workers started on demand that have been idle for the idle timeout.
     */
    @SuppressWarnings("unchecked")
    private void scheduleExpiry() {
        scheduleRunAsync(() -> {
            if (driver.startsWorkersOnDemand()) {
                for (SlotManager.Worker idle : slotManager.idleWorkers(idleWorkerTimeout.toMillis())) {
                    if (!workerDemand.mayRelease(slotManager.registeredWorkers())) {
                        break;
                    }
                    LOG.info("Releasing TaskManager {}: idle for {} ms", idle.resourceId(), idleWorkerTimeout.toMillis());
                    String resourceId = idle.resourceId();
                    forgetWorker(resourceId);
                    // The driver reports no end for a worker it was asked to release.
                    knownWorkers.remove(resourceId);
                    driver.releaseWorker(resourceId);
                }
            }
            for (SlotManager.PendingRequest expired : slotManager.expirePending(System.currentTimeMillis())) {
                ((CompletableFuture<SlotGrants>) expired.handle()).completeExceptionally(new IllegalStateException(
                        "no " + expired.count() + " free slots within the slot request timeout; the cluster has "
                                + slotManager.freeSlots() + " free of " + slotManager.totalSlots() + " slots on "
                                + slotManager.registeredWorkers() + " TaskManagers. Start more TaskManagers, raise"
                                + " taskmanager.numberOfTaskSlots, or lower the job's parallelism."));
            }
            scheduleExpiry();
        }, Duration.ofMillis(100));
    }

    // ---- heartbeats and lost workers ----

    @Override
    public void reportPayload(String targetId, SlotReport payload) {
        lastHeartbeats.put(targetId, System.currentTimeMillis());
    }

    private TaskManagerList taskManagerList() {
        TaskManagerList.Builder list = TaskManagerList.newBuilder();
        long now = System.currentTimeMillis();
        for (SlotManager.Worker worker : slotManager.workers()) {
            list.addTaskManagers(TaskManagerInfoMessage.newBuilder()
                    .setResourceId(worker.resourceId())
                    .setRpcAddress(toAddress(worker.rpcAddress()))
                    .setDataAddress(toAddress(worker.dataAddress()))
                    .setNumberOfSlots(worker.numberOfSlots())
                    .setFreeSlots(worker.freeSlots())
                    .setLastHeartbeat(lastHeartbeats.getOrDefault(worker.resourceId(), now))
                    .setResources(resourcesOfWorkers.getOrDefault(worker.resourceId(),
                            TaskManagerResources.getDefaultInstance())));
        }
        return list.build();
    }

    @Override
    public void notifyHeartbeatTimeout(String targetId) {
        workerLost(targetId, "no heartbeat within " + heartbeatTimeout.toMillis() + " ms");
    }

    @Override
    public void onWorkerTerminated(String resourceId, String diagnostics) {
        runAsync(() -> {
            if (knownWorkers.remove(resourceId) && !slotManager.isRegistered(resourceId)) {
                LOG.debug("TaskManager {} ended after it was lost already: {}", resourceId, diagnostics);
                return;
            }
            workerLost(resourceId, "its process ended: " + diagnostics);
        });
    }

    @Override
    public void onError(Throwable error) {
        LOG.error("The resource driver failed; the cluster cannot get or keep workers", error);
        fatalErrorHandler.accept(error);
    }

    private void workerLost(String resourceId, String reason) {
        if (shuttingDown) {
            LOG.info("TaskManager {} left as the cluster shuts down", resourceId);
            forgetWorker(resourceId);
            return;
        }
        if (!slotManager.isRegistered(resourceId)) {
            // A worker that died before it registered was still counted as requested: ask again.
            LOG.warn("TaskManager {} ended before it registered: {}", resourceId, reason);
            requestedWorkers = Math.max(0, requestedWorkers - 1);
            askForWorkers();
            return;
        }
        LOG.warn("TaskManager {} is lost: {}", resourceId, reason);
        forgetWorker(resourceId);
        askForWorkers();
    }

    /** Stops watching a registered worker and takes its slots out of the accounting. */
    private void forgetWorker(String resourceId) {
        heartbeats.unmonitorTarget(resourceId);
        gateways.remove(resourceId);
        lastHeartbeats.remove(resourceId);
        resourcesOfWorkers.remove(resourceId);
        slotManager.unregisterWorker(resourceId);
    }

    @Override
    protected void onStop() throws Exception {
        heartbeats.close();
        driver.close();
    }

    private static Address toAddress(InetSocketAddress address) {
        return Address.newBuilder().setHost(address.getHostString()).setPort(address.getPort()).build();
    }

    private static InetSocketAddress toSocketAddress(Address address) {
        return new InetSocketAddress(address.getHost(), address.getPort());
    }
}
