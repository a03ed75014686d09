package io.spindle.yarn.appmaster;

import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.ClassDataArchive;
import io.spindle.deployment.ContainerCommand;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.rest.RestOptions;
import io.spindle.rpc.RpcException;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import io.spindle.yarn.appmaster.resources.MainThreadScheduler;
import io.spindle.yarn.appmaster.resources.TaskManagerResourceSpec;
import io.spindle.yarn.appmaster.resources.YarnClients;
import io.spindle.yarn.appmaster.resources.YarnResourceDriver;
import java.net.URI;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterRequest;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.NMClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster of every mode: starts the JobManager with a YARN resource driver,
 * registers with the ResourceManager with the REST URL as tracking URL, lets the mode run the
 * cluster, then unregisters with the outcome and only then deletes the staging directory.
 *
 * <p>With ZooKeeper high availability YARN may run several attempts of the ApplicationMaster,
 * one at a time. A later attempt retires the earlier attempts' latch nodes and leads at once
 * (their writes are fenced), recovers the jobs from ZooKeeper and inherits the earlier
 * attempt's TaskManager containers. An attempt that loses its leadership ends without
 * unregistering, so that YARN starts the next one: the YARN clients of this attempt cannot
 * serve a second leader session.
 */
final class YarnClusterEntrypoint {
    /** How long an ending cluster keeps answering for savepoint and stop results nobody asked for yet. */
    private static final java.time.Duration OPERATION_RESULTS_WAIT = java.time.Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(YarnClusterEntrypoint.class);
    private static final long REGISTRATION_TIMEOUT_SECONDS = 60;

    /** What differs between session, per-job and application clusters. */
    interface ClusterMode {
        String name();

        /** Runs the cluster's work; completes when the cluster should end. */
        CompletableFuture<ClusterOutcome> run(JobManagerProcess process, Configuration configuration) throws Exception;
    }

    private YarnClusterEntrypoint() {}

    static void run(ClusterMode mode) {
        ContainerEnvironment environment = ContainerEnvironment.current();
        // Hadoop's configuration and YARN client classes load on the spare core while the JobManager starts.
        CompletableFuture<YarnConfiguration> hadoop = CompletableFuture.supplyAsync(YarnClusterEntrypoint::loadYarnClient);
        AtomicReference<YarnResourceDriver> driver = new AtomicReference<>();
        JobManagerProcess process = null;
        CompletableFuture<Void> registered = null;
        ClusterOutcome outcome;
        try {
            Configuration configuration = environment.loadConfiguration();
            if (HighAvailabilityOptions.isZooKeeper(configuration) && !configuration.contains(HighAvailabilityOptions.ZOOKEEPER_RETIRE_PREVIOUS_LEADERS)) {
                configuration.set(HighAvailabilityOptions.ZOOKEEPER_RETIRE_PREVIOUS_LEADERS, true);
            }
            int attempt = environment.applicationAttempt();
            String host = environment.host();
            configuration.setString(ClusterOptions.JOB_MANAGER_RPC_ADDRESS.key(), host);
            configuration.set(ClusterOptions.JOB_MANAGER_RPC_PORT, 0);
            configuration.setString(RestOptions.ADDRESS.key(), host);
            if (!configuration.contains(RestOptions.PORT)) {
                configuration.set(RestOptions.PORT, 0);
            }
            int slots = configuration.get(TaskExecutorOptions.NUM_TASK_SLOTS);
            TaskManagerResourceSpec spec = new TaskManagerResourceSpec(
                    (int) configuration.get(ClusterOptions.TASK_MANAGER_PROCESS_MEMORY).getMebiBytes(), slots);
            AtomicReference<JobManagerProcess> processReference = new AtomicReference<>();
            process = JobManagerProcess.start(configuration, rpcService -> {
                YarnResourceDriver yarnDriver = new YarnResourceDriver(configuration, spec,
                        YarnClients.fromConfiguration(hadoop.join()),
                        new TaskManagerContainers(environment, host + ":" + rpcService.getAddress().getPort(), configuration),
                        MainThreadScheduler.of(() -> processReference.get().getJobManager().getResourceManager()
                                .getMainThreadExecutor()),
                        System::currentTimeMillis, attempt > 1);
                driver.set(yarnDriver);
                return yarnDriver;
            });
            processReference.set(process);
            CompletableFuture<ClusterOutcome> leadershipLost = new CompletableFuture<>();
            process.getJobManager().addRevocationListener(() -> leadershipLost.complete(ClusterOutcome.attemptEnds(
                    "Attempt " + attempt + " lost its leadership in ZooKeeper; the next attempt takes over")));
            // The ResourceManager initializes the driver on its own thread; wait for that before registering.
            process.getJobManager().leadership().get(60, TimeUnit.SECONDS);
            process.getJobManager().getResourceManager().requestSlotCounts().get(60, TimeUnit.SECONDS);
            YarnResourceDriver yarnDriver = driver.get();
            int rpcPort = process.getRpcService().getAddress().getPort();
            String restUrl = process.getRestBaseUrl();
            // Registering takes a round trip and Hadoop's client classes; the mode's work (a per-job
            // cluster submitting its job, which queues its container requests) need not wait for it.
            registered = CompletableFuture.runAsync(() -> {
                try {
                    yarnDriver.applicationMasterRegistered(yarnDriver.getAMRMClient().registerApplicationMaster(host, rpcPort, restUrl));
                } catch (Exception e) {
                    throw new IllegalStateException("Could not register the ApplicationMaster with YARN's ResourceManager", e);
                }
            });
            CompletableFuture<ClusterOutcome> work = mode.run(process, configuration);
            awaitRegistration(registered);
            LOG.info("{} cluster is up; REST endpoint at {}", mode.name(), restUrl);
            maintainClassDataArchive(process);
            CompletableFuture<ClusterOutcome> fatal = process.getJobManager().getFatalError().thenApply(error ->
                    new ClusterOutcome(FinalApplicationStatus.FAILED, "The cluster failed: " + error.getMessage()));
            outcome = CompletableFuture.anyOf(work, fatal, leadershipLost).thenApply(ClusterOutcome.class::cast).join();
            if (!outcome.attemptOnly()) {
                // A job stopped with a savepoint ends the cluster; the client still asks where the savepoint went.
                process.awaitUnreadOperationResults(OPERATION_RESULTS_WAIT);
            }
        } catch (Throwable t) {
            LOG.error("The {} cluster failed", mode.name(), t);
            outcome = new ClusterOutcome(FinalApplicationStatus.FAILED, "The " + mode.name() + " cluster failed: " + t);
        }
        // Even a container whose Hadoop configuration is unreadable must get to its exit.
        YarnConfiguration shutdownConfiguration = hadoop.handle((loaded, failure) -> loaded != null ? loaded
                : new YarnConfiguration(new org.apache.hadoop.conf.Configuration(false))).join();
        shutDown(outcome, registered, driver.get(), process, environment, shutdownConfiguration);
    }

    /**
     * The status of the job if this attempt's leader knows it (recovered from the HA stores, or
     * ended under an earlier attempt), else empty. Asked by status, not from the job list: a
     * recovered job whose JobMaster is still being made is CREATED there, and unlisted.
     */
    static Optional<JobStatus> recoveredStatus(JobManagerProcess process, String jobId) throws Exception {
        try {
            return Optional.of(JobStatus.valueOf(process.getDispatcher().requestJobStatus(JobID.fromHexString(jobId))
                    .get(60, TimeUnit.SECONDS).getStatus()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RpcException remote
                    && NoSuchElementException.class.getName().equals(remote.getRemoteExceptionClass())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The result of a job that has ended (say, under an earlier attempt, as its job-result entry tells). */
    static JobResultMessage resultOf(JobManagerProcess process, String jobId) throws Exception {
        return process.getDispatcher().requestJobResult(JobID.fromHexString(jobId), Duration.ofSeconds(60))
                .get(60, TimeUnit.SECONDS);
    }

    /** Once the first job ended, the JobManager's loaded classes cover running a job too. */
    private static void maintainClassDataArchive(JobManagerProcess process) {
        ClassDataArchive.ofContainer(ContainerCommand.Role.JOB_MANAGER).ifPresent(archive -> {
            LOG.info(archive.describe());
            CompletableFuture<Void> firstJobEnded = new CompletableFuture<>();
            process.getJobManager().addJobTerminationListener(result -> firstJobEnded.complete(null));
            archive.maintainInBackground(firstJobEnded);
        });
    }

    private static void awaitRegistration(CompletableFuture<Void> registered) throws Exception {
        try {
            registered.get(REGISTRATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The registration with YARN's ResourceManager did not complete within "
                    + REGISTRATION_TIMEOUT_SECONDS + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The container's Hadoop configuration, with the classes registering and heartbeating need already loaded. */
    private static YarnConfiguration loadYarnClient() {
        YarnConfiguration configuration = new YarnConfiguration();
        configuration.getSocketAddr(YarnConfiguration.RM_SCHEDULER_ADDRESS, YarnConfiguration.DEFAULT_RM_SCHEDULER_ADDRESS,
                YarnConfiguration.DEFAULT_RM_SCHEDULER_PORT);
        AMRMClient.createAMRMClient();
        NMClient.createNMClient();
        RegisterApplicationMasterRequest.newInstance("", 0, "");
        return configuration;
    }

    /**
     * Unregisters with the outcome (once the registration, which may still be under way, is done),
     * then deletes the staging directory, then stops everything.
     */
    private static void shutDown(ClusterOutcome outcome, CompletableFuture<Void> registered, YarnResourceDriver driver,
            JobManagerProcess process, ContainerEnvironment environment, YarnConfiguration yarnConfiguration) {
        LOG.info("Cluster ends as {}: {}", outcome.status(), outcome.diagnostics());
        boolean unregistered = false;
        if (driver != null && registered != null && !outcome.attemptOnly()) {
            try {
                awaitRegistration(registered);
                driver.getAMRMClient().unregisterApplicationMaster(outcome.status(), outcome.diagnostics(), null);
                unregistered = true;
            } catch (Exception e) {
                LOG.error("Could not unregister the ApplicationMaster", e);
            }
        }
        String stagingDirectory = environment.get(YarnDeploymentConstants.ENV_STAGING_DIR);
        if (stagingDirectory != null && !unregistered) {
            // YARN counts this attempt as failed and may start another, which needs the shipped files.
            LOG.warn("Keeping the staging directory {}: the application did not unregister, so YARN may retry it",
                    stagingDirectory);
        } else if (stagingDirectory != null) {
            try {
                Path staging = new Path(stagingDirectory);
                FileSystem.get(URI.create(stagingDirectory), yarnConfiguration).delete(staging, true);
            } catch (Exception e) {
                LOG.warn("Could not delete the staging directory {}", stagingDirectory, e);
            }
        }
        if (process != null) {
            process.close();
        }
        System.exit(outcome.status() == FinalApplicationStatus.SUCCEEDED ? 0 : 1);
    }
}
