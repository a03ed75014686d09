package io.spindle.runtime.taskexecutor;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.ha.LeaderInformation;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.ha.LeaderRetrievalService;
import io.spindle.heartbeat.HeartbeatMonitor;
import io.spindle.rpc.RpcEndpoint;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.jobmaster.JobMasterGateway;
import io.spindle.runtime.messages.Address;
import io.spindle.runtime.messages.AllocateSlot;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.ExecutionIdMessage;
import io.spindle.runtime.messages.FreeSlot;
import io.spindle.runtime.messages.HeartbeatRequest;
import io.spindle.runtime.messages.RegisterTaskExecutor;
import io.spindle.runtime.messages.RegistrationResponse;
import io.spindle.runtime.messages.SlotReport;
import io.spindle.runtime.messages.SlotStatus;
import io.spindle.runtime.messages.TaskDeployment;
import io.spindle.runtime.network.NetworkEnvironment;
import io.spindle.runtime.resourcemanager.ResourceManagerGateway;
import io.spindle.runtime.tasks.StreamTask;
import io.spindle.runtime.tasks.TaskDescriptor;
import io.spindle.client.program.ChildFirstClassLoader;
import io.spindle.runtime.blob.BlobCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Path;
import io.spindle.runtime.filecache.FileCache;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.spindle.runtime.checkpoint.proto.CheckpointNotification;
import io.spindle.runtime.checkpoint.proto.TriggerCheckpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TaskManager's RPC endpoint: registers its slots with the leading ResourceManager (and
 * again whenever the leader changes or its heartbeats stop), runs the tasks that JobMasters
 * deploy into allocated slots, and reports their states back. All state lives on the main thread.
 */
public final class TaskExecutor extends RpcEndpoint implements LeaderRetrievalListener {
    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);

    private final String resourceId;
    private final Path fileCacheDirectory;
    private final int numberOfSlots;
    private final long processMemoryBytes;
    private final NetworkEnvironment network;
    private final LeaderRetrievalService leaderRetrieval;
    private final ScheduledExecutorService timerThread;
    private final Duration registrationRetry;
    private final Duration heartbeatTimeout;
    private final TaskSlotTable slots;
    private final Map<String, RunningTask> tasks = new HashMap<>();
    /**
     * Executions whose deployment waits for the job's user code, mapped to whether a cancel came
     * meanwhile: such a task has no StreamTask yet to cancel, so it is cancelled as it starts.
     */
    private final Map<String, Boolean> cancelledWhileFetchingUserCode = new HashMap<>();
    private final Map<String, CompletableFuture<JobMasterGateway>> jobConnections = new HashMap<>();
    /** The session of the leader that leader retrieval last named: only its deployments are accepted. */
    private UUID followedLeader;
    private final Map<String, CompletableFuture<ClassLoader>> jobClassLoaders = new HashMap<>();
    private final Map<String, FileCache> jobFileCaches = new HashMap<>();
    private final BlobCache blobCache;
    private final Executor blobDownloads;
    /** Writes tasks' checkpoint state off their threads; daemon threads, shut down with the TaskManager. */
    private final ExecutorService checkpointWriters = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "checkpoint-writer");
        thread.setDaemon(true);
        return thread;
    });

    /** Heartbeat requests expected from the ResourceManager and from the JobMaster of every job with tasks here. */
    private final HeartbeatMonitor heartbeats;
    private final CompletableFuture<Void> shutDownRequested = new CompletableFuture<>();
    private final CompletableFuture<Void> firstTaskEnded = new CompletableFuture<>();
    private ResourceManagerConnection resourceManager;
    private long registrationAttempt;

    /** @param leaderSessionId the session of the JobManager leader that deployed the task */
    private record RunningTask(StreamTask task, String jobId, String allocationId, UUID leaderSessionId) {}

    private record ResourceManagerConnection(String leaderAddress, UUID leaderSessionId, ResourceManagerGateway gateway) {}

    private static final String RESOURCE_MANAGER_SOURCE = "resourcemanager";

    /**
     * @param timerThread the TaskManager's shared thread for timers and heartbeat checks
     */
    public TaskExecutor(RpcService rpcService, TaskExecutorConfiguration configuration, NetworkEnvironment network,
            LeaderRetrievalService leaderRetrieval, ScheduledExecutorService timerThread, BlobCache blobCache,
            Executor blobDownloads) {
        super(rpcService, TaskExecutorGateway.ENDPOINT_ID);
        this.resourceId = configuration.resourceId();
        this.fileCacheDirectory = configuration.fileCacheDirectory();
        this.numberOfSlots = configuration.numberOfSlots();
        this.processMemoryBytes = configuration.processMemoryBytes();
        this.registrationRetry = configuration.registrationRetry();
        this.heartbeatTimeout = configuration.heartbeatTimeout();
        this.network = network;
        this.leaderRetrieval = leaderRetrieval;
        this.timerThread = timerThread;
        this.blobCache = blobCache;
        this.blobDownloads = blobDownloads;
        this.slots = new TaskSlotTable(numberOfSlots);
        this.heartbeats = new HeartbeatMonitor(heartbeatTimeout, this::heartbeatTimedOut, getMainThreadExecutor(),
                getMainThreadExecutor()::schedule);
    }

    public String getResourceId() {
        return resourceId;
    }

    /** Completes when the first task that ran here ended, in whatever state. */
    public CompletableFuture<Void> getFirstTaskEnded() {
        return firstTaskEnded;
    }

    /** Completes when the cluster asks this TaskManager to exit. */
    public CompletableFuture<Void> getShutDownRequest() {
        return shutDownRequested;
    }

    @Override
    protected void onStart() throws Exception {
        leaderRetrieval.start(this);
    }

    // ---- leader changes and registration ----

    @Override
    public void notifyLeader(LeaderInformation leader) {
        runAsync(() -> {
            disconnectResourceManager(leader == null ? "no JobManager leads" : "a new JobManager leader was elected");
            if (leader != null) {
                followedLeader = leader.sessionId();
                cancelTasksOfOtherLeaders(leader.sessionId());
                connectToResourceManager(leader.rpcAddress(), leader.sessionId());
            }
        });
    }

    @Override
    public void handleError(Exception error) {
        LOG.error("Leader retrieval failed on TaskManager {}", resourceId, error);
    }

    /** A new leader recovers every job itself: tasks an earlier leader deployed must not go on. */
    private void cancelTasksOfOtherLeaders(UUID leaderSessionId) {
        Set<String> jobsOfOthers = new TreeSet<>();
        for (RunningTask running : tasks.values()) {
            if (!running.leaderSessionId().equals(leaderSessionId)) {
                jobsOfOthers.add(running.jobId());
            }
        }
        for (String jobId : jobsOfOthers) {
            LOG.info("TaskManager {} cancels the tasks of job {}: they were deployed by an earlier JobManager leader",
                    resourceId, jobId);
            jobManagerLost(jobId);
        }
    }

    /**
     * Starts a registration loop with the leader; a newer loop (new leader, lost connection)
     * makes older ones stop, so two registrations never race and the ResourceManager never sees a
     * live TaskManager register twice.
     */
    private void connectToResourceManager(String address, UUID leaderSessionId) {
        registerWithResourceManager(address, leaderSessionId, ++registrationAttempt);
    }

    private void registerWithResourceManager(String address, UUID leaderSessionId, long attempt) {
        InetSocketAddress socketAddress = parseAddress(address);
        getRpcService().connect(socketAddress, ResourceManagerGateway.ENDPOINT_ID)
                .thenCompose(rpc -> {
                    ResourceManagerGateway gateway = new ResourceManagerGateway(rpc, leaderSessionId);
                    return gateway.registerTaskExecutor(registration()).thenApply(response -> Map.entry(gateway, response));
                })
                .whenCompleteAsync((registered, failure) -> {
                    if (attempt != registrationAttempt || resourceManager != null) {
                        return;
                    }
                    if (failure != null) {
                        LOG.debug("Registration at {} failed, retrying: {}", address, failure.toString());
                        scheduleRunAsync(() -> {
                            if (attempt == registrationAttempt && resourceManager == null) {
                                registerWithResourceManager(address, leaderSessionId, attempt);
                            }
                        }, registrationRetry);
                        return;
                    }
                    onRegistered(new ResourceManagerConnection(address, leaderSessionId, registered.getKey()), registered.getValue());
                }, getMainThreadExecutor());
    }

    private void onRegistered(ResourceManagerConnection connection, RegistrationResponse response) {
        resourceManager = connection;
        LOG.info("TaskManager {} registered {} slots at ResourceManager {}", resourceId, numberOfSlots, connection.leaderAddress());
        heartbeats.monitorSource(RESOURCE_MANAGER_SOURCE);
        connection.gateway().rpc().addDisconnectListener(() -> runAsync(() -> {
            if (resourceManager == connection) {
                disconnectResourceManager("connection lost");
                connectToResourceManager(connection.leaderAddress(), connection.leaderSessionId());
            }
        }));
    }

    private void disconnectResourceManager(String reason) {
        if (resourceManager != null) {
            LOG.info("TaskManager {} disconnects from ResourceManager {}: {}", resourceId, resourceManager.leaderAddress(), reason);
            resourceManager = null;
        }
        heartbeats.unmonitorSource(RESOURCE_MANAGER_SOURCE);
    }

    private RegisterTaskExecutor registration() {
        return RegisterTaskExecutor.newBuilder()
                .setResourceId(resourceId)
                .setRpcAddress(toAddress(getRpcService().getAddress()))
                .setDataAddress(toAddress(network.getDataAddress()))
                .setNumberOfSlots(numberOfSlots)
                .setResources(TaskManagerResourcesProbe.measure(
                        (long) network.getOptions().segmentSize() * network.getOptions().totalBuffers(), processMemoryBytes))
                .build();
    }

    // ---- incoming calls ----

    @Override
    protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
        switch (method) {
            case TaskExecutorGateway.HEARTBEAT_FROM_RESOURCE_MANAGER -> {
                HeartbeatRequest.parseFrom(payload);
                heartbeats.recordHeartbeat(RESOURCE_MANAGER_SOURCE);
                return CompletableFuture.completedFuture(slotReport());
            }
            case TaskExecutorGateway.HEARTBEAT_FROM_JOB_MANAGER -> {
                heartbeats.recordHeartbeat(jobSource(HeartbeatRequest.parseFrom(payload).getSenderId()));
                return done();
            }
            case TaskExecutorGateway.ALLOCATE_SLOT -> {
                AllocateSlot request = AllocateSlot.parseFrom(payload);
                slots.allocate(request.getSlotIndex(), request.getAllocationId(), request.getJobId());
                return done();
            }
            case TaskExecutorGateway.FREE_SLOT -> {
                freeSlot(FreeSlot.parseFrom(payload).getAllocationId());
                return done();
            }
            case TaskExecutorGateway.SUBMIT_TASK -> {
                return submitTask(TaskDeployment.parseFrom(payload));
            }
            case TaskExecutorGateway.CANCEL_TASK -> {
                String executionId = ExecutionIdMessage.parseFrom(payload).getExecutionId();
                RunningTask running = tasks.get(executionId);
                if (running != null) {
                    running.task().cancel();
                } else {
                    cancelledWhileFetchingUserCode.replace(executionId, true);
                }
                return done();
            }
            case TaskExecutorGateway.TRIGGER_CHECKPOINT -> {
                TriggerCheckpoint trigger = TriggerCheckpoint.parseFrom(payload);
                RunningTask running = tasks.get(trigger.getExecutionId());
                if (running == null) {
                    throw new IllegalStateException("Task " + trigger.getExecutionId() + " does not run here");
                }
                running.task().triggerCheckpoint(trigger.getCheckpointId(), trigger.getTimestamp(),
                        trigger.getCheckpointDirectory(),
                        io.spindle.runtime.checkpoint.SnapshotType.ofCode(trigger.getSnapshotType()));
                return done();
            }
            case TaskExecutorGateway.NOTIFY_CHECKPOINT -> {
                CheckpointNotification notification = CheckpointNotification.parseFrom(payload);
                RunningTask running = tasks.get(notification.getExecutionId());
                if (running != null) {
                    if (notification.getCompleted()) {
                        running.task().notifyCheckpointComplete(notification.getCheckpointId());
                    } else {
                        running.task().notifyCheckpointAborted(notification.getCheckpointId());
                    }
                }
                return done();
            }
            case TaskExecutorGateway.SHUT_DOWN -> {
                LOG.info("TaskManager {} was asked to shut down", resourceId);
                shutDownRequested.complete(null);
                return done();
            }
            default -> throw unknownMethod(method);
        }
    }

    /** Starts the task once the job's user code is here (downloaded from the JobManager's blob server). */
    private CompletableFuture<Empty> submitTask(TaskDeployment deployment) {
        UUID token = UUID.fromString(deployment.getFencingToken());
        if (!token.equals(followedLeader)) {
            throw new IllegalStateException("Task " + deployment.getTaskName() + " of job " + deployment.getJobId()
                    + " comes from JobManager session " + token + ", not from the leader this TaskManager follows ("
                    + followedLeader + ")");
        }
        if (!slots.isAllocatedTo(deployment.getAllocationId(), deployment.getJobId())) {
            throw new IllegalStateException("Task " + deployment.getTaskName() + " of job " + deployment.getJobId()
                    + " was deployed into slot allocation " + deployment.getAllocationId()
                    + ", which this TaskManager does not hold for that job");
        }
        String executionId = deployment.getExecutionId();
        cancelledWhileFetchingUserCode.put(executionId, false);
        return userCodeClassLoader(deployment).whenCompleteAsync((classLoader, failure) -> {
            boolean cancelled = Boolean.TRUE.equals(cancelledWhileFetchingUserCode.remove(executionId));
            if (failure == null) {
                startTask(deployment, classLoader, cancelled);
            }
        }, getMainThreadExecutor()).thenApply(classLoader -> Empty.getDefaultInstance());
    }

    private CompletableFuture<ClassLoader> userCodeClassLoader(TaskDeployment deployment) {
        if (deployment.getUserJarBlobKeysCount() == 0) {
            return CompletableFuture.completedFuture(TaskExecutor.class.getClassLoader());
        }
        InetSocketAddress blobServer = TaskDescriptor.address(deployment.getJobMasterAddress());
        List<String> keys = deployment.getUserJarBlobKeysList();
        return jobClassLoaders.computeIfAbsent(deployment.getJobId(), jobId -> CompletableFuture.supplyAsync(() -> {
            try {
                URL[] urls = new URL[keys.size()];
                for (int i = 0; i < urls.length; i++) {
                    urls[i] = blobCache.getFile(jobId, keys.get(i), blobServer).toUri().toURL();
                }
                return new ChildFirstClassLoader(urls, TaskExecutor.class.getClassLoader());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not fetch the user jars of job " + jobId + ": " + e.getMessage(), e);
            }
        }, blobDownloads));
    }

    /** With {@code cancelled}, the task reports CANCELED through its usual path instead of running. */
    private void startTask(TaskDeployment deployment, ClassLoader userClassLoader, boolean cancelled) {
        if (!slots.isAllocatedTo(deployment.getAllocationId(), deployment.getJobId())) {
            throw new IllegalStateException("The slot of task " + deployment.getTaskName() + " was freed while its"
                    + " user code was being fetched");
        }
        CompletableFuture<JobMasterGateway> jobMaster =
                jobConnections.computeIfAbsent(deployment.getJobId(), jobId -> connectToJob(deployment));
        long bufferTimeout = Configuration.fromMap(deployment.getJobConfigurationMap())
                .get(CoreOptions.BUFFER_TIMEOUT).toMillis();
        TaskDescriptor descriptor = TaskDescriptor.fromDeployment(deployment, bufferTimeout);
        FileCache fileCache = jobFileCaches.computeIfAbsent(deployment.getJobId(), jobId -> new FileCache(
                FileCache.parse(Configuration.fromMap(deployment.getJobConfigurationMap()).get(CoreOptions.CACHED_FILES)),
                fileCacheDirectory.resolve(jobId)));
        TaskStateReporter reporter = new TaskStateReporter(jobMaster, this::taskTerminated);
        StreamTask task = new StreamTask(descriptor, network, timerThread, userClassLoader, fileCache, reporter, reporter,
                checkpointWriters);
        tasks.put(deployment.getExecutionId(), new RunningTask(task, deployment.getJobId(), deployment.getAllocationId(),
                UUID.fromString(deployment.getFencingToken())));
        if (cancelled) {
            LOG.info("Task {} of job {} was cancelled while its user code was fetched; it ends without running",
                    deployment.getTaskName(), deployment.getJobId());
            task.cancel();
        }
        task.start();
    }

    private CompletableFuture<JobMasterGateway> connectToJob(TaskDeployment deployment) {
        UUID token = UUID.fromString(deployment.getFencingToken());
        InetSocketAddress address = TaskDescriptor.address(deployment.getJobMasterAddress());
        CompletableFuture<JobMasterGateway> gateway = getRpcService().connect(address, deployment.getJobMasterEndpoint())
                .thenApply(rpc -> new JobMasterGateway(rpc, token));
        heartbeats.monitorSource(jobSource(deployment.getJobId()));
        // A failed connection attempt must not be cached: the job's next task connects afresh.
        String jobId = deployment.getJobId();
        gateway.whenCompleteAsync((connected, failure) -> {
            if (failure != null) {
                jobConnections.remove(jobId, gateway);
            }
        }, getMainThreadExecutor());
        return gateway;
    }

    private static String jobSource(String jobId) {
        return "job-" + jobId;
    }

    private void heartbeatTimedOut(String source) {
        if (RESOURCE_MANAGER_SOURCE.equals(source)) {
            ResourceManagerConnection lost = resourceManager;
            LOG.warn("TaskManager {} lost the ResourceManager: no heartbeat within {} ms; registering again",
                    resourceId, heartbeatTimeout.toMillis());
            disconnectResourceManager("heartbeat timeout");
            if (lost != null) {
                connectToResourceManager(lost.leaderAddress(), lost.leaderSessionId());
            }
        } else {
            jobManagerLost(source.substring("job-".length()));
        }
    }

    private void jobManagerLost(String jobId) {
        LOG.warn("TaskManager {} lost the JobMaster of job {}: cancelling its tasks", resourceId, jobId);
        for (RunningTask running : tasks.values()) {
            if (running.jobId().equals(jobId)) {
                running.task().cancel();
            }
        }
        jobConnections.remove(jobId);
        heartbeats.unmonitorSource(jobSource(jobId));
        slots.freeJob(jobId);
        releaseUserCodeOnceIdle(jobId);
    }

    /** Called from a task thread once its final state is reported. */
    private void taskTerminated(String executionId) {
        runAsync(() -> {
            firstTaskEnded.complete(null);
            RunningTask ended = tasks.remove(executionId);
            if (ended != null && !slots.hasAllocationsOf(ended.jobId())) {
                releaseUserCodeOnceIdle(ended.jobId());
            }
        });
    }

    /**
     * Releases the job's class loader and cached files once none of its tasks runs here any more;
     * a task that is still stopping after cancel() would otherwise lose its classes mid-close.
     */
    private void releaseUserCodeOnceIdle(String jobId) {
        for (RunningTask running : tasks.values()) {
            if (running.jobId().equals(jobId)) {
                return;
            }
        }
        releaseUserCode(jobId);
    }

    private void freeSlot(String allocationId) {
        String jobId = slots.free(allocationId);
        for (RunningTask running : List.copyOf(tasks.values())) {
            if (running.allocationId().equals(allocationId)) {
                running.task().cancel();
            }
        }
        if (jobId != null && !slots.hasAllocationsOf(jobId)) {
            jobConnections.remove(jobId);
            heartbeats.unmonitorSource(jobSource(jobId));
            releaseUserCodeOnceIdle(jobId);
        }
    }

    /** The job has no slot and no task here any more: its class loader, cached files and jars go. */
    private void releaseUserCode(String jobId) {
        FileCache fileCache = jobFileCaches.remove(jobId);
        if (fileCache != null) {
            fileCache.close();
        }
        CompletableFuture<ClassLoader> classLoader = jobClassLoaders.remove(jobId);
        if (classLoader != null) {
            classLoader.whenCompleteAsync((loader, failure) -> {
                if (loader instanceof ChildFirstClassLoader userLoader) {
                    try {
                        userLoader.close();
                    } catch (IOException e) {
                        LOG.debug("Closing the class loader of job {} failed", jobId, e);
                    }
                }
                // The job may be back here already, with a new class loader over the same jars.
                if (!jobClassLoaders.containsKey(jobId)) {
                    releaseJobBlobs(jobId);
                }
            }, getMainThreadExecutor());
        }
    }

    /** On the download thread, so that a later download of the job's jars comes after the delete. */
    private void releaseJobBlobs(String jobId) {
        try {
            blobDownloads.execute(() -> {
                try {
                    blobCache.releaseJob(jobId);
                } catch (IOException e) {
                    LOG.warn("Could not delete the jars of job {} from this TaskManager: {}", jobId, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // The TaskManager stops, and its blob cache goes as a whole.
        }
    }

    private SlotReport slotReport() {
        SlotReport.Builder report = SlotReport.newBuilder().setResourceId(resourceId);
        for (int i = 0; i < numberOfSlots; i++) {
            SlotStatus.Builder status = SlotStatus.newBuilder().setSlotIndex(i);
            if (slots.allocationOf(i) != null) {
                status.setAllocationId(slots.allocationOf(i)).setJobId(slots.jobOf(i));
            }
            report.addSlots(status);
        }
        return report.build();
    }

    @Override
    protected void onStop() throws Exception {
        for (RunningTask running : tasks.values()) {
            running.task().cancel();
        }
        disconnectResourceManager("TaskManager shutting down");
        heartbeats.close();
        jobConnections.clear();
        for (String jobId : List.copyOf(jobClassLoaders.keySet())) {
            releaseUserCode(jobId);
        }
        jobFileCaches.values().forEach(FileCache::close);
        jobFileCaches.clear();
        checkpointWriters.shutdownNow();
        leaderRetrieval.close();
    }

    private static CompletableFuture<Empty> done() {
        return CompletableFuture.completedFuture(Empty.getDefaultInstance());
    }

    static Address toAddress(InetSocketAddress address) {
        return Address.newBuilder().setHost(address.getHostString()).setPort(address.getPort()).build();
    }

    static InetSocketAddress parseAddress(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }
}
