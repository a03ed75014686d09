package io.spindle.runtime.entrypoint;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.HighAvailabilityServicesLoader;
import io.spindle.ha.LeaderInformation;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.ha.LeaderRetrievalService;
import io.spindle.rest.NotLeaderException;
import io.spindle.rest.RestServerConfiguration;
import io.spindle.rest.RestServerEndpoint;
import io.spindle.rpc.RpcOptions;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.blob.BlobServer;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.jobmanager.DispatcherRestBackend;
import io.spindle.runtime.jobmanager.JobManager;
import io.spindle.runtime.jobmanager.LeaderGateways;
import io.spindle.runtime.resourcemanager.ResourceDriver;
import io.spindle.util.ProcessWorkingDirectory;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a JobManager process runs: its RPC service, the blob server for user jars, the
 * JobManager components (Dispatcher, ResourceManager with the given driver) and the REST
 * endpoint. Standalone and YARN entry points differ only in the driver and in how they end.
 */
public final class JobManagerProcess implements AutoCloseable {
    static final String WORKING_DIRECTORY_PREFIX = "spindle-jobmanager-";
    private static final Logger LOG = LoggerFactory.getLogger(JobManagerProcess.class);

    private final RpcService rpcService;
    /** Blobs and REST uploads, deleted on close, and by a later JobManager here if this one is killed. */
    private final ProcessWorkingDirectory workingDirectory;
    private final HighAvailabilityServices haServices;
    private final LeaderRetrievalService leaderRetrieval;
    private final BlobServer blobServer;
    private final JobManager jobManager;
    private final RestServerEndpoint restEndpoint;
    private JarProgramRunner jarRunner;
    /** Who leads, as the leader retrieval last said: a standby's REST endpoint points clients there. */
    private volatile LeaderInformation knownLeader;

    private JobManagerProcess(Configuration configuration, Function<RpcService, ResourceDriver> driverFactory) throws Exception {
        String host = configuration.get(ClusterOptions.JOB_MANAGER_RPC_ADDRESS);
        this.rpcService = RpcService.start(host, configuration.get(ClusterOptions.JOB_MANAGER_RPC_PORT), RpcOptions.defaults());
        Path base = CoreOptions.tmpDirectory(configuration);
        ProcessWorkingDirectory.sweepAbandoned(base, WORKING_DIRECTORY_PREFIX);
        this.workingDirectory = ProcessWorkingDirectory.create(base, WORKING_DIRECTORY_PREFIX,
                ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        try {
            String rpcAddress = host + ":" + rpcService.getAddress().getPort();
            this.haServices = HighAvailabilityServicesLoader.load(configuration, rpcAddress);
            this.blobServer = new BlobServer(rpcService, workingDirectory.path().resolve("blobs"), haServices.getBlobStore());
            blobServer.start();
            this.jobManager = new JobManager(rpcService, configuration, haServices, driverFactory.apply(rpcService),
                    blobServer);
            this.jarRunner = new JarProgramRunner(() -> currentLeader().dispatcher());
            DispatcherRestBackend backend = new DispatcherRestBackend(this::currentLeader, blobServer, configuration,
                    jarRunner);
            this.restEndpoint = RestServerEndpoint.start(
                    RestServerConfiguration.fromConfiguration(configuration, workingDirectory.path().resolve("uploads")), backend);
            this.leaderRetrieval = haServices.getJobManagerLeaderRetriever();
            leaderRetrieval.start(new LeaderRetrievalListener() {
                @Override
                public void notifyLeader(LeaderInformation leader) {
                    knownLeader = leader;
                }

                @Override
                public void handleError(Exception error) {
                    LOG.warn("Following the JobManager leader failed", error);
                }
            });
            jobManager.start(restEndpoint.getRestBaseUrl());
            LOG.info("JobManager RPC at {}, REST endpoint at {}", rpcAddress, restEndpoint.getRestBaseUrl());
        } catch (Exception e) {
            closeQuietly();
            throw e;
        }
    }

    /** This JobManager's current leader gateways, or a 503 that names the leader's REST address. */
    private LeaderGateways currentLeader() {
        return jobManager.currentLeadership().orElseThrow(() -> {
            LeaderInformation leader = knownLeader;
            boolean elsewhere = leader != null && leader.restAddress() != null
                    && !leader.restAddress().equals(restEndpoint.getRestBaseUrl());
            return new NotLeaderException(elsewhere ? leader.restAddress() : null);
        });
    }

    /** Starts a JobManager whose ResourceManager uses the driver the factory makes (given the RPC service). */
    public static JobManagerProcess start(Configuration configuration, Function<RpcService, ResourceDriver> driverFactory)
            throws Exception {
        return new JobManagerProcess(configuration, driverFactory);
    }

    public JobManager getJobManager() {
        return jobManager;
    }

    public RpcService getRpcService() {
        return rpcService;
    }

    public BlobServer getBlobServer() {
        return blobServer;
    }

    /** The Dispatcher of this JobManager, waiting until it leads. */
    public DispatcherGateway getDispatcher() throws Exception {
        return jobManager.dispatcherGateway().get();
    }

    public String getRestBaseUrl() {
        return restEndpoint.getRestBaseUrl();
    }

    /** See {@link RestServerEndpoint#awaitUnreadOperationResults}. */
    public void awaitUnreadOperationResults(java.time.Duration timeout) throws InterruptedException {
        restEndpoint.awaitUnreadOperationResults(timeout);
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        for (AutoCloseable closeable : new AutoCloseable[] {restEndpoint, jarRunner, jobManager, leaderRetrieval, blobServer, haServices, rpcService}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing {} failed", closeable.getClass().getSimpleName(), e);
                }
            }
        }
        workingDirectory.close();
    }

    /** A resource id for a TaskManager process: its host and PID, so an operator can find the process. */
    public static String processResourceId(String host) {
        return host + "-" + ProcessHandle.current().pid();
    }
}
