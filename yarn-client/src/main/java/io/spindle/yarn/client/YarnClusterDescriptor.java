package io.spindle.yarn.client;

import io.spindle.api.JobID;
import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.MemorySize;
import io.spindle.deployment.ContainerCommand;
import io.spindle.deployment.ProgramArguments;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.graph.JobGraph;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys Spindle clusters onto YARN (session, per-job, application), attaches to running ones
 * and kills them. A deployment checks the queue, the container sizes and the user jar before it
 * creates anything, uploads the cluster's files to {@code <staging>/.spindle/<application id>/},
 * submits the ApplicationMaster and waits until its REST endpoint answers. A deployment that
 * fails or is interrupted kills its application and deletes its files. A job's cached files on
 * this machine travel through the staging directory too (per-job: with the cluster's files;
 * session: {@link #shipCachedFilesToSession}), so every TaskManager can read them.
 *
 * <p>Not thread-safe: use one descriptor from one thread at a time. {@link #close()} stops the
 * YARN client, after which the returned {@link ClusterClientHandle}s no longer work.
 */
public final class YarnClusterDescriptor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(YarnClusterDescriptor.class);

    private final Configuration configuration;
    private final YarnConfiguration hadoopConfiguration;
    private final ClusterFiles clusterFiles;
    private final YarnEntrypoints entrypoints;
    private final DeploymentProgressListener listener;
    private final YarnClient yarnClient;

    public YarnClusterDescriptor(Configuration configuration, org.apache.hadoop.conf.Configuration hadoopConfiguration,
            ClusterFiles clusterFiles) {
        this(configuration, hadoopConfiguration, clusterFiles, YarnClientFactory.DEFAULT, YarnEntrypoints.DEFAULT,
                DeploymentProgressListener.NONE);
    }

    public YarnClusterDescriptor(Configuration configuration, org.apache.hadoop.conf.Configuration hadoopConfiguration,
            ClusterFiles clusterFiles, YarnClientFactory yarnClientFactory, YarnEntrypoints entrypoints,
            DeploymentProgressListener listener) {
        this.configuration = new Configuration(configuration);
        this.hadoopConfiguration = new YarnConfiguration(hadoopConfiguration);
        if (hadoopConfiguration.get(YarnConfiguration.YARN_CLIENT_APP_SUBMISSION_POLL_INTERVAL_MS) == null) {
            // Submitting waits until YARN has accepted the application, by default in steps of 200 ms;
            // it takes a few milliseconds, so a finer step shortens every deployment.
            this.hadoopConfiguration.setLong(YarnConfiguration.YARN_CLIENT_APP_SUBMISSION_POLL_INTERVAL_MS, 20);
        }
        this.clusterFiles = clusterFiles;
        this.entrypoints = entrypoints;
        this.listener = listener;
        this.yarnClient = yarnClientFactory.create(this.hadoopConfiguration);
    }

    /** Starts a session cluster that accepts jobs over REST until it is stopped or killed. */
    public ClusterClientHandle deploySession(ClusterSpecification spec) throws ClusterDeploymentException {
        return deploy(new Deployment(spec, entrypoints.session(), "Spindle session cluster"));
    }

    /**
     * Starts a cluster that runs the job (shipped as {@code job.graph}) and ends with it. The
     * job's cached files on this machine are uploaded with the cluster's files and the shipped
     * graph names the copies; a missing one fails the deployment before anything is created.
     */
    public ClusterClientHandle deployPerJob(ClusterSpecification spec, JobGraph jobGraph)
            throws ClusterDeploymentException {
        Deployment deployment = new Deployment(spec, entrypoints.perJob(), "Spindle per-job cluster");
        deployment.jobGraph = jobGraph;
        deployment.cachedFiles = CachedFileShipment.localFiles(jobGraph.getConfiguration());
        return deploy(deployment);
    }

    /** {@link #deployPerJob(ClusterSpecification, JobGraph)} for a graph serialized with {@link JobGraph#toBytes()}. */
    public ClusterClientHandle deployPerJob(ClusterSpecification spec, byte[] jobGraphBytes)
            throws ClusterDeploymentException {
        JobGraph jobGraph;
        try {
            jobGraph = JobGraph.fromBytes(jobGraphBytes);
        } catch (IllegalArgumentException e) {
            throw new ClusterDeploymentException("Cannot deploy the per-job cluster: " + e.getMessage(), e);
        }
        return deployPerJob(spec, jobGraph);
    }

    /** Whether the job has cached files on this machine, which {@link #shipCachedFilesToSession} uploads. */
    public static boolean hasLocalCachedFiles(JobGraph jobGraph) throws ClusterDeploymentException {
        return !CachedFileShipment.localFiles(jobGraph.getConfiguration()).isEmpty();
    }

    /**
     * Uploads the job's cached files on this machine to {@code jobs/<job id>/} in the staging
     * directory of the running session {@code sessionId}, which the session deletes when it
     * ends, and returns the job graph to submit, naming the copies (the graph itself when there
     * is nothing to upload). A missing file fails before anything is uploaded.
     */
    public JobGraph shipCachedFilesToSession(ApplicationId sessionId, JobGraph jobGraph)
            throws ClusterDeploymentException {
        Map<String, java.nio.file.Path> localFiles = CachedFileShipment.localFiles(jobGraph.getConfiguration());
        if (localFiles.isEmpty()) {
            return jobGraph;
        }
        CachedFileShipment.checkExist(localFiles);
        Path jobDirectory = null;
        try {
            StagingArea staging = stagingArea(sessionId);
            if (!staging.fileSystem().exists(staging.directory())) {
                throw new ClusterDeploymentException("The staging directory " + staging.directory() + " of the session "
                        + sessionId + " does not exist, so the job's cached files have nowhere to go: set "
                        + YarnConfigOptions.STAGING_DIRECTORY.key() + " to the value the session was started with.");
            }
            jobDirectory = sessionJobDirectory(staging, jobGraph.getJobId());
            return CachedFileShipment.upload(jobGraph, localFiles, staging.fileSystem(), jobDirectory);
        } catch (IOException e) {
            if (jobDirectory != null) {
                deleteQuietly(jobDirectory);
            }
            throw new ClusterDeploymentException("Cannot upload the job's cached files to the session " + sessionId
                    + ": " + e.getMessage() + ". Check that the cluster's FileSystem is reachable.", e);
        }
    }

    /** Deletes what {@link #shipCachedFilesToSession} uploaded for a job the session did not accept. */
    public void deleteCachedFilesOfSessionJob(ApplicationId sessionId, JobID jobId) {
        try {
            deleteQuietly(sessionJobDirectory(stagingArea(sessionId), jobId));
        } catch (IOException e) {
            LOG.warn("Could not delete the cached files of job {} in session {}; they go when the session ends",
                    jobId, sessionId, e);
        }
    }

    /**
     * Starts a cluster whose JobManager runs {@code mainClass}'s {@code main(args)} from the user
     * jar: a local file (a path without scheme, or {@code file:}) is uploaded, a file on a shared
     * FileSystem ({@code hdfs://...}) is used where it is.
     */
    public ClusterClientHandle deployApplication(ClusterSpecification spec, Path userJar, String mainClass,
            List<String> args) throws ClusterDeploymentException {
        Deployment deployment = new Deployment(spec, entrypoints.application(), "Spindle application cluster");
        deployment.applicationJar = UserJar.of(userJar);
        deployment.applicationClass = mainClass;
        deployment.applicationArgs = List.copyOf(args);
        return deploy(deployment);
    }

    /** Attaches to a running Spindle cluster. */
    public ClusterClientHandle retrieve(ApplicationId applicationId) throws ClusterDeploymentException {
        ApplicationReport report = report(applicationId);
        String expectedType = configuration.get(YarnConfigOptions.APPLICATION_TYPE);
        if (!expectedType.equalsIgnoreCase(report.getApplicationType())) {
            throw new ClusterDeploymentException("The YARN application " + applicationId + " is not a Spindle cluster: "
                    + "its type is " + report.getApplicationType() + ", not " + expectedType
                    + ". Check the id with: yarn application -list");
        }
        if (report.getYarnApplicationState() != YarnApplicationState.RUNNING) {
            if (ClusterClientHandle.hasEnded(report.getYarnApplicationState())) {
                deleteStagingOfEnded(applicationId);
            }
            throw new ClusterDeploymentException("The Spindle cluster " + applicationId + " is not running: it is "
                    + report.getYarnApplicationState() + " (final status " + report.getFinalApplicationStatus()
                    + "). Start a new cluster, or see why it ended with: yarn logs -applicationId " + applicationId);
        }
        String restUrl = ClusterReadiness.restUrlOf(report);
        if (restUrl == null) {
            throw new ClusterDeploymentException("The Spindle cluster " + applicationId
                    + " has not published its REST address yet: try again in a few seconds.");
        }
        return new ClusterClientHandle(applicationId, restUrl, yarnClient);
    }

    /** Kills the application and deletes its staging directory; returns when YARN has killed it. */
    public void kill(ApplicationId applicationId) throws ClusterDeploymentException {
        try {
            yarnClient.killApplication(applicationId);
            stagingArea(applicationId).delete();
        } catch (ApplicationNotFoundException e) {
            throw notFound(applicationId);
        } catch (IOException | YarnException e) {
            throw new ClusterDeploymentException("Cannot kill the YARN application " + applicationId + ": "
                    + e.getMessage() + ". Try: yarn application -kill " + applicationId, e);
        }
    }

    @Override
    public void close() {
        yarnClient.stop();
    }

    private ClusterClientHandle deploy(Deployment deployment) throws ClusterDeploymentException {
        ApplicationSettings settings = ApplicationSettings.from(configuration, deployment.defaultName);
        Configuration effectiveConfiguration = effectiveConfiguration(deployment.spec);
        try {
            ContainerCommand.checkOptions(effectiveConfiguration);
        } catch (IllegalConfigurationException e) {
            throw new ClusterDeploymentException(e.getMessage(), e);
        }
        try {
            PreflightChecks.checkQueue(yarnClient, settings.queue());
            PreflightChecks.checkNodeLabel(yarnClient, settings.nodeLabel());
            PreflightChecks.checkHighAvailability(effectiveConfiguration);
            ProvidedLib providedLib = ProvidedLib.list(splitList(configuration.get(YarnConfigOptions.PROVIDED_LIB_DIRS)),
                    hadoopConfiguration);
            List<java.nio.file.Path> shipFiles = localPaths(configuration.get(YarnConfigOptions.SHIP_FILES));
            checkLocalFiles(shipFiles);
            CachedFileShipment.checkExist(deployment.cachedFiles);
            checkUniqueNames(deployment, providedLib, shipFiles);
            if (deployment.applicationJar != null) {
                PreflightChecks.checkUserJar(deployment.applicationJar, deployment.applicationClass, hadoopConfiguration);
            }
            YarnClientApplication application = yarnClient.createApplication();
            sweepEndedStagingDirectories(application.getNewApplicationResponse().getApplicationId());
            PreflightChecks.checkResources(application.getNewApplicationResponse().getMaximumResourceCapability(),
                    deployment.spec, settings.appMasterVcores(), containerVcores(deployment.spec));
            // Nothing exists on the cluster yet: an application created but never submitted is not listed.
            return submitAndAwait(application, deployment, settings, effectiveConfiguration, providedLib, shipFiles);
        } catch (IOException | YarnException e) {
            if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
                throw new ClusterDeploymentException("The deployment was interrupted; nothing of it is left on the cluster.", e);
            }
            throw new ClusterDeploymentException("Cannot deploy the Spindle cluster to YARN: " + e.getMessage()
                    + ". Check that the ResourceManager and the FileSystem are reachable with the Hadoop configuration in use.", e);
        }
    }

    private ClusterClientHandle submitAndAwait(YarnClientApplication application, Deployment deployment,
            ApplicationSettings settings, Configuration effectiveConfiguration, ProvidedLib providedLib,
            List<java.nio.file.Path> shipFiles)
            throws ClusterDeploymentException, IOException, YarnException {
        ApplicationId applicationId = application.getNewApplicationResponse().getApplicationId();
        if (HighAvailabilityOptions.isZooKeeper(effectiveConfiguration)
                && !effectiveConfiguration.contains(HighAvailabilityOptions.CLUSTER_ID)) {
            // Each YARN cluster has its own place in ZooKeeper and the HA storage directory, as Flink's.
            effectiveConfiguration.set(HighAvailabilityOptions.CLUSTER_ID, applicationId.toString());
        }
        StagingArea staging = stagingArea(applicationId);
        boolean submitAttempted = false;
        boolean ready = false;
        try {
            staging.create();
            ApplicationMasterLaunch launch = ship(staging, deployment, providedLib, shipFiles);
            ApplicationSubmissionContext context = application.getApplicationSubmissionContext();
            settings.applyTo(context, deployment.spec.jobManagerMemoryMb());
            context.setAMContainerSpec(launch.build(deployment.entrypoint, deployment.spec.jobManagerMemoryMb(),
                    staging.directory().toString(), effectiveConfiguration, hadoopConfiguration));
            // A submission that fails part-way may still have created the application, so it is killed too.
            submitAttempted = true;
            yarnClient.submitApplication(context);
            String restUrl = new ClusterReadiness(yarnClient, listener).awaitReady(applicationId,
                    settings.deploymentTimeout(), settings.queue(),
                    deployment.spec.jobManagerMemoryMb() + " MB and " + settings.appMasterVcores() + " vcores");
            ready = true;
            return new ClusterClientHandle(applicationId, restUrl, yarnClient);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterDeploymentException("The deployment of YARN application " + applicationId
                    + " was interrupted; the application has been killed and its files deleted.", e);
        } finally {
            if (!ready) {
                abandon(applicationId, submitAttempted, staging);
            }
        }
    }

    /** Removes what a failed deployment made; runs even on an interrupted thread, whose flag it keeps. */
    private void abandon(ApplicationId applicationId, boolean submitAttempted, StagingArea staging) {
        boolean interrupted = Thread.interrupted();
        try {
            if (submitAttempted) {
                try {
                    yarnClient.killApplication(applicationId);
                } catch (ApplicationNotFoundException neverSubmitted) {
                    LOG.debug("Application {} was never submitted", applicationId);
                } catch (IOException | YarnException | RuntimeException e) {
                    LOG.warn("Could not kill the half-deployed application {}: kill it with: yarn application -kill {}",
                            applicationId, applicationId, e);
                }
            }
            try {
                staging.delete();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not delete the staging directory {} of the failed deployment; delete it by hand",
                        staging.directory(), e);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ApplicationMasterLaunch ship(StagingArea staging, Deployment deployment, ProvidedLib providedLib,
            List<java.nio.file.Path> shipFiles) throws IOException {
        ApplicationMasterLaunch launch = new ApplicationMasterLaunch();
        for (java.nio.file.Path confFile : clusterFiles.confFiles()) {
            if (!launch.tryInlineClusterFile(fileName(confFile), Files.readAllBytes(confFile))) {
                launch.addClusterFile(staging.upload(confFile, fileName(confFile)), false);
            }
        }
        for (ProvidedLib.Directory directory : providedLib.directories()) {
            launch.addProvidedDirectory(directory);
        }
        if (!providedLib.isEmpty() && configuration.get(ClusterOptions.CLASS_DATA_SHARING)) {
            launch.setEnvironment(YarnDeploymentConstants.ENV_CLASS_DATA_KEY, providedLib.classDataKey());
        }
        for (java.nio.file.Path libJar : clusterFiles.libJars()) {
            if (!launch.hasFile(fileName(libJar))) {
                launch.addClusterFile(staging.upload(libJar, fileName(libJar)), true);
            }
        }
        for (java.nio.file.Path shipFile : shipFiles) {
            ShippedFile shipped = staging.upload(shipFile, fileName(shipFile));
            if (Files.isDirectory(shipFile)) {
                launch.addClusterDirectory(shipped);
            } else {
                launch.addClusterFile(shipped, shipped.name().endsWith(".jar"));
            }
        }
        for (java.nio.file.Path userJar : clusterFiles.userJars()) {
            launch.addClusterFile(staging.upload(userJar, fileName(userJar)), true);
        }
        if (deployment.applicationJar != null) {
            UserJar jar = deployment.applicationJar;
            ShippedFile shipped = jar.isLocal()
                    ? staging.upload(jar.localPath(), jar.fileName())
                    : ShippedFile.of(jar.fileName(), fileStatus(jar.remotePath()), LocalResourceVisibility.APPLICATION);
            launch.addClusterFile(shipped, true);
            launch.setEnvironment(YarnDeploymentConstants.ENV_APPLICATION_JAR, jar.fileName());
            launch.setEnvironment(YarnDeploymentConstants.ENV_APPLICATION_CLASS, deployment.applicationClass);
            launch.setEnvironment(YarnDeploymentConstants.ENV_APPLICATION_ARGS, ProgramArguments.encode(deployment.applicationArgs));
        }
        if (deployment.jobGraph != null) {
            byte[] shipped = CachedFileShipment.upload(deployment.jobGraph, deployment.cachedFiles, staging.fileSystem(),
                    new Path(staging.directory(), CachedFileShipment.PER_JOB_DIRECTORY)).toBytes();
            if (!launch.tryInlineApplicationMasterFile(YarnDeploymentConstants.JOB_GRAPH_FILE, shipped)) {
                launch.addFileForApplicationMasterOnly(staging.write(shipped, YarnDeploymentConstants.JOB_GRAPH_FILE));
            }
        }
        return launch;
    }

    /** What the cluster runs with: the client's configuration with the sizes of this deployment. */
    private Configuration effectiveConfiguration(ClusterSpecification spec) {
        Configuration effective = new Configuration(configuration);
        effective.set(ClusterOptions.JOB_MANAGER_PROCESS_MEMORY, MemorySize.ofMebiBytes(spec.jobManagerMemoryMb()));
        effective.set(ClusterOptions.TASK_MANAGER_PROCESS_MEMORY, MemorySize.ofMebiBytes(spec.taskManagerMemoryMb()));
        effective.set(TaskExecutorOptions.NUM_TASK_SLOTS, spec.slotsPerTaskManager());
        effective.set(YarnConfigOptions.CONTAINER_VCORES, containerVcores(spec));
        return effective;
    }

    private void checkLocalFiles(List<java.nio.file.Path> shipFiles) throws ClusterDeploymentException {
        List<java.nio.file.Path> all = new ArrayList<>(shipFiles);
        all.addAll(clusterFiles.libJars());
        all.addAll(clusterFiles.confFiles());
        all.addAll(clusterFiles.userJars());
        for (java.nio.file.Path file : all) {
            if (!Files.exists(file)) {
                throw new ClusterDeploymentException("The file " + file + " to ship with the cluster does not exist: "
                        + "check the Spindle distribution's lib and conf directories, yarn.ship-files and the user jars.");
            }
        }
    }

    /**
     * Every shipped file lands in the container's working directory under its name (a provided
     * directory's files under its link), and a second jar of a provided jar's name would be hidden
     * by it on the class path: names must differ.
     */
    private void checkUniqueNames(Deployment deployment, ProvidedLib providedLib,
            List<java.nio.file.Path> shipFiles) throws ClusterDeploymentException {
        Set<String> names = new HashSet<>(providedLib.names());
        List<String> uploaded = new ArrayList<>();
        clusterFiles.libJars().stream().map(YarnClusterDescriptor::fileName)
                .filter(name -> !names.contains(name)).forEach(uploaded::add);
        clusterFiles.confFiles().forEach(file -> uploaded.add(fileName(file)));
        shipFiles.forEach(file -> uploaded.add(fileName(file)));
        clusterFiles.userJars().forEach(file -> uploaded.add(fileName(file)));
        if (deployment.applicationJar != null) {
            uploaded.add(deployment.applicationJar.fileName());
        }
        if (deployment.jobGraph != null) {
            uploaded.add(YarnDeploymentConstants.JOB_GRAPH_FILE);
        }
        for (String name : uploaded) {
            if (!names.add(name)) {
                throw new ClusterDeploymentException("Two files to ship are named " + name + ": every shipped file "
                        + "lands in the container's working directory, so rename one of them.");
            }
        }
    }

    private FileStatus fileStatus(Path path) throws IOException {
        return path.getFileSystem(hadoopConfiguration).getFileStatus(path);
    }

    private ApplicationReport report(ApplicationId applicationId) throws ClusterDeploymentException {
        try {
            return yarnClient.getApplicationReport(applicationId);
        } catch (ApplicationNotFoundException e) {
            throw notFound(applicationId);
        } catch (IOException | YarnException e) {
            throw new ClusterDeploymentException("Cannot ask the ResourceManager about " + applicationId + ": "
                    + e.getMessage(), e);
        }
    }

    private static ClusterDeploymentException notFound(ApplicationId applicationId) {
        return new ClusterDeploymentException("There is no YARN application " + applicationId
                + ": check the id (yarn.application.id, -id) with: yarn application -list");
    }

    private static Path sessionJobDirectory(StagingArea sessionStaging, JobID jobId) {
        return new Path(new Path(sessionStaging.directory(), CachedFileShipment.SESSION_JOBS_DIRECTORY), jobId.toHexString());
    }

    private void deleteQuietly(Path directory) {
        try {
            directory.getFileSystem(hadoopConfiguration).delete(directory, true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {}; it goes when its session ends", directory, e);
        }
    }

    /** A killed ApplicationMaster could not delete its staging directory, so whoever finds it ended does. */
    private void deleteStagingOfEnded(ApplicationId applicationId) {
        try {
            stagingArea(applicationId).delete();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the staging directory of the ended application {}", applicationId, e);
        }
    }

    /** Best effort: a deployment does not fail because an old application's files could not go. */
    private void sweepEndedStagingDirectories(ApplicationId newApplicationId) {
        try {
            StagingArea own = stagingArea(newApplicationId);
            StagingDirectorySweeper.ApplicationStates states = id -> {
                try {
                    return yarnClient.getApplicationReport(id).getYarnApplicationState();
                } catch (ApplicationNotFoundException e) {
                    return null;
                }
            };
            new StagingDirectorySweeper(own.fileSystem(), own.directory().getParent(), states,
                    newApplicationId.getClusterTimestamp(), java.time.Clock.systemUTC()).sweep();
        } catch (IOException | YarnException | RuntimeException e) {
            if (e instanceof InterruptedIOException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Could not sweep the staging directories of ended applications", e);
        }
    }

    private StagingArea stagingArea(ApplicationId applicationId) throws IOException {
        return StagingArea.of(hadoopConfiguration, configuration.get(YarnConfigOptions.STAGING_DIRECTORY), applicationId);
    }

    private int containerVcores(ClusterSpecification spec) {
        int configured = configuration.get(YarnConfigOptions.CONTAINER_VCORES);
        return configured > 0 ? configured : spec.slotsPerTaskManager();
    }

    private static List<java.nio.file.Path> localPaths(String list) {
        return splitList(list).stream().map(java.nio.file.Path::of).toList();
    }

    private static List<String> splitList(String list) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split("[;,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String fileName(java.nio.file.Path path) {
        return path.getFileName().toString();
    }

    /** One deployment's inputs. */
    private static final class Deployment {
        final ClusterSpecification spec;
        final String entrypoint;
        final String defaultName;
        JobGraph jobGraph;
        Map<String, java.nio.file.Path> cachedFiles = Map.of();
        UserJar applicationJar;
        String applicationClass;
        List<String> applicationArgs = List.of();

        Deployment(ClusterSpecification spec, String entrypoint, String defaultName) {
            this.spec = spec;
            this.entrypoint = entrypoint;
            this.defaultName = defaultName;
        }
    }
}
