package io.spindle.runtime.jobmanager;

import io.spindle.runtime.checkpoint.storage.SavepointDisposal;
import io.spindle.runtime.messages.CheckpointIdMessage;
import io.spindle.runtime.messages.SavepointLocation;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.rest.RestClusterBackend;
import io.spindle.rpc.RpcException;
import io.spindle.runtime.blob.BlobServer;
import io.spindle.runtime.dispatcher.DispatcherGateway;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.SerializedFailure;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.messages.SubtaskInfo;
import io.spindle.runtime.messages.TaskManagerInfoMessage;
import io.spindle.runtime.messages.VertexInfo;
import io.spindle.runtime.resourcemanager.ResourceManagerGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The REST endpoint's view of a JobManager: answers through the Dispatcher's and the
 * ResourceManager's RPC gateways, and keeps submitted user jars in the BlobServer.
 */
public final class DispatcherRestBackend implements RestClusterBackend {
    private final Supplier<LeaderGateways> leader;
    private final BlobServer blobServer;
    private final Configuration configuration;
    private final JarRunner jarRunner;
    /** How long a savepoint or manual checkpoint may take; the job's checkpoint timeout ends it sooner. */
    private static final Duration LONGEST_CHECKPOINT = Duration.ofHours(1);
    /** Deletes savepoints off the RPC and REST threads; file systems may be slow. */
    private static final ExecutorService DISPOSALS = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "savepoint-disposal");
        thread.setDaemon(true);
        return thread;
    });

    /** The result of a job the Dispatcher already reports as ended is there, or moments away. */
    private static final Duration ENDED_JOB_RESULT_WAIT = Duration.ofSeconds(10);

    /** Runs a jar's main() inside the JobManager and submits what it builds (see {@link #runJar}). */
    public interface JarRunner {
        CompletableFuture<JobID> run(Path jar, String entryClass, List<String> args, Integer parallelism, JobID jobId,
                Map<String, String> jobConfiguration, RestClusterBackend backend);

        /** The plan JSON of the job the program builds; nothing is submitted. */
        CompletableFuture<String> plan(Path jar, String entryClass, List<String> args, Integer parallelism);
    }

    /**
     * @param leader the gateways of this JobManager's current leader session; throws
     *     {@link io.spindle.rest.NotLeaderException} (503) while it does not lead
     */
    public DispatcherRestBackend(Supplier<LeaderGateways> leader, BlobServer blobServer, Configuration configuration,
            JarRunner jarRunner) {
        this.leader = leader;
        this.blobServer = blobServer;
        this.configuration = configuration;
        this.jarRunner = jarRunner;
    }

    private DispatcherGateway dispatcher() {
        return leader.get().dispatcher();
    }

    private ResourceManagerGateway resourceManager() {
        return leader.get().resourceManager();
    }

    @Override
    public CompletableFuture<ClusterOverview> overview() {
        return resourceManager().requestTaskManagers().thenCombine(dispatcher().listJobs(), (taskManagers, jobs) -> {
            int slots = 0;
            int free = 0;
            for (TaskManagerInfoMessage taskManager : taskManagers.getTaskManagersList()) {
                slots += taskManager.getNumberOfSlots();
                free += taskManager.getFreeSlots();
            }
            int running = 0;
            int finished = 0;
            int cancelled = 0;
            int failed = 0;
            for (JobSummary job : jobs.getJobsList()) {
                switch (job.getStatus()) {
                    case "FINISHED" -> finished++;
                    case "CANCELED" -> cancelled++;
                    case "FAILED" -> failed++;
                    default -> running++;
                }
            }
            return new ClusterOverview(taskManagers.getTaskManagersCount(), slots, free, running, finished, cancelled, failed);
        });
    }

    @Override
    public Map<String, String> configuration() {
        return configuration.toMap();
    }

    @Override
    public CompletableFuture<List<JobOverview>> listJobs() {
        return dispatcher().listJobs().thenApply(list -> {
            List<JobOverview> jobs = new ArrayList<>();
            for (JobSummary job : list.getJobsList()) {
                jobs.add(overviewOf(job));
            }
            return jobs;
        });
    }

    @Override
    public CompletableFuture<JobDetails> jobDetails(JobID jobId) {
        return translateNotFound(dispatcher().requestJobDetails(jobId)).thenApply(DispatcherRestBackend::detailsOf);
    }

    @Override
    public CompletableFuture<JobExceptions> jobExceptions(JobID jobId) {
        return translateNotFound(dispatcher().requestJobExceptions(jobId)).thenApply(message -> {
            List<ExceptionEntry> history = new ArrayList<>();
            for (io.spindle.runtime.messages.ExceptionEntry entry : message.getHistoryList()) {
                history.add(new ExceptionEntry(entry.getExceptionName(), entry.getStacktrace(), entry.getTimestamp(),
                        emptyToNull(entry.getTaskName()), emptyToNull(entry.getTaskManagerId()),
                        emptyToNull(entry.getHost())));
            }
            return new JobExceptions(emptyToNull(message.getRootException()), message.getTimestamp(), history);
        });
    }

    /** Asks for the status first, so that a running job answers at once instead of waiting for its end. */
    @Override
    public CompletableFuture<Optional<JobResult>> jobResult(JobID jobId) {
        return translateNotFound(dispatcher().requestJobStatus(jobId)).thenCompose(status -> {
            if (!JobStatus.valueOf(status.getStatus()).isGloballyTerminal()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return translateNotFound(dispatcher().requestJobResult(jobId, ENDED_JOB_RESULT_WAIT))
                    .thenApply(result -> Optional.of(resultOf(result)));
        });
    }

    @Override
    public CompletableFuture<String> checkpointStats(JobID jobId) {
        return translateNotFound(dispatcher().requestCheckpointStats(jobId)).thenApply(document -> document.getJson());
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(JobID jobId, String targetDirectoryOrNull) {
        return translateNotFound(dispatcher().triggerSavepoint(jobId, targetDirectoryOrNull, LONGEST_CHECKPOINT))
                .thenApply(SavepointLocation::getLocation);
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(JobID jobId, String targetDirectoryOrNull, boolean drain) {
        return translateNotFound(dispatcher().stopWithSavepoint(jobId, targetDirectoryOrNull, drain, LONGEST_CHECKPOINT))
                .thenApply(SavepointLocation::getLocation);
    }

    @Override
    public CompletableFuture<Long> triggerCheckpoint(JobID jobId) {
        return translateNotFound(dispatcher().triggerCheckpoint(jobId, LONGEST_CHECKPOINT))
                .thenApply(CheckpointIdMessage::getCheckpointId);
    }

    @Override
    public CompletableFuture<Void> disposeSavepoint(String path) {
        return CompletableFuture.runAsync(() -> {
            try {
                SavepointDisposal.dispose(path);
            } catch (IOException e) {
                throw new IllegalArgumentException("Could not dispose of " + path + ": " + e.getMessage(), e);
            }
        }, DISPOSALS);
    }

    @Override
    public CompletableFuture<Void> cancelJob(JobID jobId) {
        return translateNotFound(dispatcher().cancelJob(jobId)).thenApply(ignored -> null);
    }

    @Override
    public CompletableFuture<List<TaskManagerInfo>> taskManagers() {
        return resourceManager().requestTaskManagers().thenApply(list -> {
            long now = System.currentTimeMillis();
            List<TaskManagerInfo> result = new ArrayList<>();
            for (TaskManagerInfoMessage tm : list.getTaskManagersList()) {
                result.add(new TaskManagerInfo(tm.getResourceId(),
                        tm.getRpcAddress().getHost() + ":" + tm.getRpcAddress().getPort(),
                        tm.getDataAddress().getHost() + ":" + tm.getDataAddress().getPort(),
                        tm.getNumberOfSlots(), tm.getFreeSlots(), Math.max(0, now - tm.getLastHeartbeat()),
                        resourcesOf(tm.getResources())));
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<JobID> submitJob(JobGraph jobGraph, List<Path> jars) {
        List<String> keys = new ArrayList<>();
        try {
            for (Path jar : jars) {
                keys.add(blobServer.put(jobGraph.getJobId().toHexString(), jar));
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("Could not store the job's jars: " + e.getMessage(), e));
        }
        JobGraph withJars = jobGraph.withUserJars(keys);
        return translateNotFound(dispatcher().submitJob(withJars)).thenApply(ignored -> withJars.getJobId());
    }

    @Override
    public CompletableFuture<JobID> runJar(Path jar, String entryClass, List<String> programArgs, Integer parallelism,
            JobID jobId, Map<String, String> jobConfiguration) {
        return jarRunner.run(jar, entryClass, programArgs, parallelism, jobId, jobConfiguration, this);
    }

    @Override
    public CompletableFuture<String> planJar(Path jar, String entryClass, List<String> programArgs,
            Integer parallelism) {
        return jarRunner.plan(jar, entryClass, programArgs, parallelism);
    }

    @Override
    public CompletableFuture<Void> shutDownCluster() {
        return dispatcher().shutDownCluster().thenApply(ignored -> null);
    }

    private static JobOverview overviewOf(JobSummary job) {
        long end = job.getEndTime() > 0 ? job.getEndTime() : -1;
        long duration = (end > 0 ? end : System.currentTimeMillis()) - job.getStartTime();
        return new JobOverview(job.getJobId(), job.getName(), job.getStatus(), job.getStartTime(), end, duration,
                job.getLastModification(), job.getTasksTotal(), job.getTasksPerStateMap());
    }

    private static JobDetails detailsOf(JobDetailsMessage message) {
        List<VertexDetails> vertices = new ArrayList<>();
        for (VertexInfo vertex : message.getVerticesList()) {
            List<SubtaskDetails> subtasks = new ArrayList<>();
            for (SubtaskInfo subtask : vertex.getSubtasksList()) {
                subtasks.add(new SubtaskDetails(subtask.getSubtask(), subtask.getAttempt(), subtask.getStatus(),
                        emptyToNull(subtask.getTaskManagerId()), emptyToNull(subtask.getHost()),
                        subtask.getStateTimestampsMap()));
            }
            vertices.add(new VertexDetails(JobVertex.hexId(vertex.getId()), vertex.getName(), vertex.getParallelism(),
                    vertex.getMaxParallelism(), vertex.getStatus(), vertex.getStartTime(), vertex.getEndTime(),
                    vertex.getTasksPerStateMap(), subtasks));
        }
        // A job archived without its views (its JobMaster was gone) has no plan: an empty one keeps the shape.
        String plan = message.getPlan().isEmpty() ? "{\"nodes\":[]}" : message.getPlan();
        RestClusterBackend.CleanupReport cleanup = null;
        if (message.hasCleanup()) {
            List<RestClusterBackend.CleanupLeftover> left = message.getCleanup().getLeftList().stream()
                    .map(step -> new RestClusterBackend.CleanupLeftover(step.getResource(), step.getLocation(),
                            step.getFailedAttempts(), step.getError()))
                    .toList();
            cleanup = new RestClusterBackend.CleanupReport(message.getCleanup().getStatus(), left);
        }
        return new JobDetails(overviewOf(message.getSummary()), message.getStatusTimestampsMap(), plan, vertices,
                message.getAccumulatorsMap(), message.getJobConfigurationMap(), cleanup);
    }

    private static JobResult resultOf(JobResultMessage result) {
        Failure failure = null;
        if (result.hasFailure()) {
            SerializedFailure cause = result.getFailure();
            failure = new Failure(cause.getClassName(), cause.getMessage(), cause.getStackTrace(),
                    cause.getJavaSerialized().toByteArray());
        }
        return new JobResult(result.getJobId(), result.getStatus(), result.getStartTime(), result.getEndTime(),
                result.getAccumulatorsMap(), failure);
    }

    private static TaskManagerInfo.Resources resourcesOf(io.spindle.runtime.messages.TaskManagerResources resources) {
        return new TaskManagerInfo.Resources(resources.getCpuCores(), resources.getPhysicalMemoryBytes(),
                resources.getHeapBytes(), resources.getFreeHeapBytes(), resources.getNetworkMemoryBytes(),
                resources.getMetaspaceBytes(), resources.getProcessMemoryBytes());
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** The Dispatcher answers an unknown job with NoSuchElementException; the REST layer wants NotFoundException. */
    private static <T> CompletableFuture<T> translateNotFound(CompletableFuture<T> call) {
        return call.handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof RpcException remote) {
                String remoteClass = remote.getRemoteExceptionClass();
                if (NoSuchElementException.class.getName().equals(remoteClass)) {
                    throw new NotFoundException(remote.getRemoteMessage());
                }
                if (IllegalArgumentException.class.getName().equals(remoteClass)) {
                    throw new IllegalArgumentException(remote.getRemoteMessage(), remote);
                }
                if (IllegalStateException.class.getName().equals(remoteClass)) {
                    throw new IllegalStateException(remote.getRemoteMessage(), remote);
                }
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }
}
