package io.spindle.runtime.jobmanager;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElectionService;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.dispatcher.Dispatcher;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.jobmaster.JobMaster;
import io.spindle.runtime.jobmaster.JobMasterConfiguration;
import io.spindle.runtime.resourcemanager.ResourceDriver;
import io.spindle.runtime.resourcemanager.ResourceManager;
import io.spindle.runtime.resourcemanager.ResourceManagerGateway;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import java.net.InetSocketAddress;
import io.spindle.runtime.messages.JobResultMessage;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager process's components on one RPC service: when it is granted leadership it
 * starts the ResourceManager and the Dispatcher under the leader session id, and it stops them
 * when leadership is revoked.
 */
public final class JobManager implements LeaderContender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final RpcService rpcService;
    private final Configuration configuration;
    private final LeaderElectionService leaderElection;
    private final ResourceDriver resourceDriver;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<UUID> leadership = new CompletableFuture<>();
    private final CompletableFuture<Void> shutDownRequested = new CompletableFuture<>();
    private final CompletableFuture<Throwable> fatalError = new CompletableFuture<>();
    private final List<Consumer<JobResultMessage>> jobTerminationListeners = new CopyOnWriteArrayList<>();

    private volatile ResourceManager resourceManager;
    private volatile Dispatcher dispatcher;

    public JobManager(RpcService rpcService, Configuration configuration, HighAvailabilityServices haServices,
            ResourceDriver resourceDriver) {
        this.rpcService = rpcService;
        this.configuration = configuration;
        this.leaderElection = haServices.getJobManagerLeaderElectionService();
        this.resourceDriver = resourceDriver;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jobmanager-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() throws Exception {
        leaderElection.start(this);
    }

    public InetSocketAddress getRpcAddress() {
        return rpcService.getAddress();
    }

    /** Completes with the leader session id once this JobManager leads and serves. */
    public CompletableFuture<UUID> getLeadership() {
        return leadership;
    }

    public ResourceManager getResourceManager() {
        return resourceManager;
    }

    @Override
    public void grantLeadership(UUID leaderSessionId) {
        try {
            resourceManager = new ResourceManager(rpcService, leaderSessionId, resourceDriver,
                    configuration.get(TaskExecutorOptions.NUM_TASK_SLOTS), configuration.get(ClusterOptions.MIN_SLOTS),
                    configuration.get(ClusterOptions.HEARTBEAT_INTERVAL), configuration.get(ClusterOptions.HEARTBEAT_TIMEOUT),
                    configuration.get(ClusterOptions.TASK_MANAGER_IDLE_TIMEOUT), scheduler, fatalError::complete);
            resourceManager.start();
            ResourceManagerGateway resourceManagerGateway = new ResourceManagerGateway(
                    rpcService.connect(rpcService.getAddress(), ResourceManagerGateway.ENDPOINT_ID)
                            .get(30, java.util.concurrent.TimeUnit.SECONDS), leaderSessionId);
            JobMasterConfiguration jobMasterConfiguration = new JobMasterConfiguration(
                    configuration.get(ClusterOptions.SLOT_REQUEST_TIMEOUT), configuration.get(ClusterOptions.HEARTBEAT_INTERVAL),
                    configuration.get(ClusterOptions.HEARTBEAT_TIMEOUT), configuration);
            dispatcher = new Dispatcher(rpcService, leaderSessionId,
                    (jobGraph, session) -> new JobMaster(rpcService, jobGraph, session, resourceManagerGateway,
                            jobMasterConfiguration, scheduler),
                    scheduler, () -> shutDownCluster(resourceManagerGateway),
                    result -> jobTerminationListeners.forEach(listener -> listener.accept(result)));
            dispatcher.start();
            String address = rpcService.getAddress().getHostString() + ":" + rpcService.getAddress().getPort();
            leaderElection.confirmLeadership(new io.spindle.ha.LeaderInformation(leaderSessionId, address, null));
            LOG.info("JobManager at {} leads with session {}", address, leaderSessionId);
            leadership.complete(leaderSessionId);
        } catch (Exception e) {
            handleError(e);
        }
    }

    @Override
    public void revokeLeadership() {
        LOG.warn("JobManager lost its leadership; stopping the Dispatcher and ResourceManager");
        stopComponents();
    }

    @Override
    public void handleError(Exception error) {
        LOG.error("JobManager failed", error);
        leadership.completeExceptionally(error);
    }

    /**
     * Called (on the Dispatcher's thread) with the result of every job that ends; per-job and
     * application clusters use it to end themselves with their jobs.
     */
    public void addJobTerminationListener(Consumer<JobResultMessage> listener) {
        jobTerminationListeners.add(listener);
    }

    /** Completes with an error the cluster cannot recover from (e.g. YARN asked the AM to shut down). */
    public CompletableFuture<Throwable> getFatalError() {
        return fatalError;
    }

    /** Completes when a client asked to stop the cluster (REST {@code DELETE /cluster}); the process then exits. */
    public CompletableFuture<Void> getShutDownRequest() {
        return shutDownRequested;
    }

    /** Tells the TaskManagers to exit (waiting a little for them to hear it), then asks this process to stop. */
    private void shutDownCluster(ResourceManagerGateway resourceManagerGateway) {
        resourceManagerGateway.shutDownTaskManagers()
                .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((ack, failure) -> shutDownRequested.complete(null));
    }

    /** A client of this JobManager's Dispatcher, once it leads. */
    public CompletableFuture<DispatcherGateway> dispatcherGateway() {
        return leadership.thenCompose(token -> rpcService.connect(rpcService.getAddress(), DispatcherGateway.ENDPOINT_ID)
                .thenApply(rpc -> new DispatcherGateway(rpc, token)));
    }

    private void stopComponents() {
        if (dispatcher != null) {
            dispatcher.close();
            dispatcher = null;
        }
        if (resourceManager != null) {
            resourceManager.close();
            resourceManager = null;
        }
    }

    @Override
    public void close() throws Exception {
        stopComponents();
        leaderElection.close();
        scheduler.shutdownNow();
    }
}
