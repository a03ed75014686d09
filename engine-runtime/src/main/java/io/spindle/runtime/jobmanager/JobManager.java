package io.spindle.runtime.jobmanager;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.JobGraphStore;
import io.spindle.ha.JobResultStore;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElectionService;
import io.spindle.ha.LeaderInformation;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.dispatcher.Dispatcher;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.dispatcher.DispatcherServices;
import io.spindle.runtime.dispatcher.JobStoreOptions;
import io.spindle.runtime.dispatcher.cleanup.CleanupRetryStrategy;
import io.spindle.runtime.dispatcher.cleanup.JobResourceCleaner;
import io.spindle.runtime.dispatcher.cleanup.JobResourceCleaners;
import io.spindle.runtime.blob.BlobServer;
import io.spindle.runtime.jobmaster.JobMaster;
import io.spindle.runtime.jobmaster.JobMasterConfiguration;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.resourcemanager.ResourceDriver;
import io.spindle.runtime.resourcemanager.ResourceManager;
import io.spindle.runtime.resourcemanager.ResourceManagerGateway;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager process's components on one RPC service. Each grant of leadership builds a
 * fresh ResourceManager and Dispatcher under the new session id, which recovers the jobs of the
 * job-graph store; a revoke stops them; this repeats any number of times. Grants and revokes
 * arrive on the election's event thread and are carried out, in order, on a thread of this
 * JobManager's own, so the election's thread never blocks.
 */
public final class JobManager implements LeaderContender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    private static final long CONNECT_SECONDS = 30;

    private final RpcService rpcService;
    private final Configuration configuration;
    private final HighAvailabilityServices haServices;
    private final LeaderElectionService leaderElection;
    private final ResourceDriver resourceDriver;
    /** What an ended job leaves outside the HA services, in the order its cleanup deletes it. */
    private final List<JobResourceCleaner> jobResourceCleaners;
    private final ScheduledExecutorService scheduler;
    /** Carries out grants and revokes, one at a time; also the Dispatchers' blocking I/O. */
    private final ExecutorService leadershipThread;
    private final ExecutorService io;
    private final CompletableFuture<Void> shutDownRequested = new CompletableFuture<>();
    private final CompletableFuture<Throwable> fatalError = new CompletableFuture<>();
    private final List<Consumer<JobResultMessage>> jobTerminationListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> revocationListeners = new CopyOnWriteArrayList<>();

    private volatile String restAddress;
    /** The current leader session's components; null while this JobManager does not lead. */
    private volatile LeaderSession session;
    /** Completes with the next (or current) session's gateways. */
    private volatile CompletableFuture<LeaderGateways> nextLeadership = new CompletableFuture<>();

    private record LeaderSession(ResourceManager resourceManager, Dispatcher dispatcher, LeaderGateways gateways) {}

    /**
     * @param blobServer where the jars of the jobs are kept, which their cleanup deletes; null
     *     when jobs bring no jars
     */
    public JobManager(RpcService rpcService, Configuration configuration, HighAvailabilityServices haServices,
            ResourceDriver resourceDriver, BlobServer blobServer) {
        this.rpcService = rpcService;
        this.configuration = configuration;
        this.haServices = haServices;
        this.leaderElection = haServices.getJobManagerLeaderElectionService();
        this.resourceDriver = resourceDriver;
        List<JobResourceCleaner> cleaners = new ArrayList<>();
        if (blobServer != null) {
            cleaners.add(JobResourceCleaners.blobs(blobServer));
        }
        cleaners.add(JobResourceCleaners.checkpoints());
        this.jobResourceCleaners = List.copyOf(cleaners);
        // Refused here, not at the first ended job: a wrong key must stop the JobManager at start.
        CleanupRetryStrategy.fromConfiguration(configuration);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("jobmanager-timer"));
        this.leadershipThread = Executors.newSingleThreadExecutor(daemon("jobmanager-leadership"));
        this.io = Executors.newCachedThreadPool(daemon("jobmanager-io"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Joins the election; {@code restAddressOrNull} is published with the leadership for REST clients. */
    public void start(String restAddressOrNull) throws Exception {
        this.restAddress = restAddressOrNull;
        leaderElection.start(this);
    }

    public void start() throws Exception {
        start(null);
    }

    public InetSocketAddress getRpcAddress() {
        return rpcService.getAddress();
    }

    /** The gateways of the current leader session, if this JobManager leads. */
    public Optional<LeaderGateways> currentLeadership() {
        LeaderSession current = session;
        return Optional.ofNullable(current).map(LeaderSession::gateways);
    }

    /** Completes with the gateways of the current leader session, or of the next one once it is granted. */
    public CompletableFuture<LeaderGateways> leadership() {
        return nextLeadership;
    }

    /** A client of the leading Dispatcher, once this JobManager leads. */
    public CompletableFuture<DispatcherGateway> dispatcherGateway() {
        return leadership().thenApply(LeaderGateways::dispatcher);
    }

    /** The current leader session's ResourceManager; null while this JobManager does not lead. */
    public ResourceManager getResourceManager() {
        LeaderSession current = session;
        return current == null ? null : current.resourceManager();
    }

    @Override
    public void grantLeadership(UUID leaderSessionId) {
        leadershipThread.execute(() -> lead(leaderSessionId));
    }

    @Override
    public void revokeLeadership() {
        leadershipThread.execute(() -> {
            if (session != null) {
                LOG.warn("JobManager at {} lost its leadership; stopping its Dispatcher and ResourceManager",
                        rpcAddress());
                stopSession();
                revocationListeners.forEach(Runnable::run);
            }
        });
    }

    @Override
    public void handleError(Exception error) {
        LOG.error("The leader election of the JobManager failed", error);
        fatalError.complete(error);
    }

    private void lead(UUID leaderSessionId) {
        if (session != null) {
            stopSession();
        }
        if (!leaderElection.hasLeadership(leaderSessionId)) {
            LOG.info("Leadership {} was revoked before it could be taken up", leaderSessionId);
            return;
        }
        try {
            List<JobResultStore.JobResultEntry> ended = haServices.getJobResultStore().getEntries();
            List<JobGraph> recovered = recoverJobGraphs();
            ResourceManager resourceManager = new ResourceManager(rpcService, leaderSessionId, resourceDriver,
                    configuration.get(TaskExecutorOptions.NUM_TASK_SLOTS), configuration.get(ClusterOptions.MIN_SLOTS),
                    configuration.get(ClusterOptions.HEARTBEAT_INTERVAL), configuration.get(ClusterOptions.HEARTBEAT_TIMEOUT),
                    configuration.get(ClusterOptions.TASK_MANAGER_IDLE_TIMEOUT), scheduler, fatalError::complete);
            resourceManager.start();
            ResourceManagerGateway resourceManagerGateway = new ResourceManagerGateway(
                    rpcService.connect(rpcService.getAddress(), ResourceManagerGateway.ENDPOINT_ID)
                            .get(CONNECT_SECONDS, TimeUnit.SECONDS), leaderSessionId);
            JobMasterConfiguration jobMasterConfiguration = new JobMasterConfiguration(
                    configuration.get(ClusterOptions.SLOT_REQUEST_TIMEOUT), configuration.get(ClusterOptions.HEARTBEAT_INTERVAL),
                    configuration.get(ClusterOptions.HEARTBEAT_TIMEOUT), configuration);
            Dispatcher dispatcher = new Dispatcher(rpcService, leaderSessionId, new DispatcherServices(
                    (jobGraph, token) -> new JobMaster(rpcService, jobGraph, token, resourceManagerGateway,
                            jobMasterConfiguration, haServices, scheduler),
                    haServices, io, scheduler, () -> shutDownCluster(resourceManagerGateway),
                    result -> jobTerminationListeners.forEach(listener -> listener.accept(result)), jobResourceCleaners,
                    CleanupRetryStrategy.fromConfiguration(configuration), JobStoreOptions.Limits.fromConfiguration(configuration)),
                    recovered, ended);
            dispatcher.start();
            DispatcherGateway dispatcherGateway = new DispatcherGateway(
                    rpcService.connect(rpcService.getAddress(), DispatcherGateway.ENDPOINT_ID)
                            .get(CONNECT_SECONDS, TimeUnit.SECONDS), leaderSessionId);
            LeaderGateways gateways = new LeaderGateways(leaderSessionId, dispatcherGateway, resourceManagerGateway);
            session = new LeaderSession(resourceManager, dispatcher, gateways);
            String address = rpcAddress();
            leaderElection.confirmLeadership(new LeaderInformation(leaderSessionId, address, restAddress));
            LOG.info("JobManager at {} leads with session {}{}", address, leaderSessionId,
                    recovered.isEmpty() ? "" : "; recovering " + recovered.size() + " job(s)");
            nextLeadership.complete(gateways);
        } catch (Exception e) {
            LOG.error("JobManager could not take up leadership {}", leaderSessionId, e);
            stopSession();
            fatalError.complete(e);
        }
    }

    private String rpcAddress() {
        return rpcService.getAddress().getHostString() + ":" + rpcService.getAddress().getPort();
    }

    /** The stored jobs that have not ended: a job with an entry in the job-result store never runs again. */
    private List<JobGraph> recoverJobGraphs() throws Exception {
        JobGraphStore store = haServices.getJobGraphStore();
        JobResultStore results = haServices.getJobResultStore();
        List<JobGraph> recovered = new ArrayList<>();
        for (String jobId : store.getJobIds()) {
            if (results.find(jobId).isPresent()) {
                continue;
            }
            JobGraph jobGraph = store.recoverJobGraph(jobId);
            if (jobGraph != null) {
                recovered.add(jobGraph);
            }
        }
        return recovered;
    }

    /** Leadership thread only. */
    private void stopSession() {
        LeaderSession stopping = session;
        session = null;
        if (nextLeadership.isDone()) {
            nextLeadership = new CompletableFuture<>();
        }
        if (stopping != null) {
            stopping.dispatcher().close();
            stopping.resourceManager().close();
        }
    }

    /**
     * Called (on the Dispatcher's thread) with the result of every job that ends, once its cleanup
     * is over; per-job and application clusters use it to end themselves with their jobs, so that
     * they unregister from YARN only when nothing of the job is left.
     */
    public void addJobTerminationListener(Consumer<JobResultMessage> listener) {
        jobTerminationListeners.add(listener);
    }

    /** Called (on the leadership thread) after a revoke stopped this JobManager's leader session. */
    public void addRevocationListener(Runnable listener) {
        revocationListeners.add(listener);
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
                .orTimeout(5, TimeUnit.SECONDS)
                .whenComplete((ack, failure) -> shutDownRequested.complete(null));
    }

    @Override
    public void close() throws Exception {
        leaderElection.close();
        try {
            leadershipThread.submit(this::stopSession).get(CONNECT_SECONDS, TimeUnit.SECONDS);
        } finally {
            leadershipThread.shutdownNow();
            io.shutdownNow();
            scheduler.shutdownNow();
        }
    }
}
