package io.spindle.rest;

import io.spindle.api.JobID;
import io.spindle.graph.JobGraph;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the REST endpoint needs from the cluster, so the HTTP layer knows nothing of RPC. A
 * lookup of an unknown job or TaskManager fails its future with {@link NotFoundException}; a
 * request the cluster refuses fails with {@link IllegalArgumentException} or
 * {@link IllegalStateException} carrying a message for the user.
 */
public interface RestClusterBackend {
    CompletableFuture<ClusterOverview> overview();

    /** The cluster's effective configuration, key to value. */
    Map<String, String> configuration();

    CompletableFuture<List<JobOverview>> listJobs();

    CompletableFuture<JobDetails> jobDetails(JobID jobId);

    CompletableFuture<JobExceptions> jobExceptions(JobID jobId);

    CompletableFuture<Void> cancelJob(JobID jobId);

    /**
     * The job's checkpoint statistics and configuration as one JSON object with the fields
     * {@code checkpoints} and {@code config}, in Flink's shapes; empty when the job does not checkpoint.
     */
    CompletableFuture<String> checkpointStats(JobID jobId);

    /**
     * Takes a savepoint of a running job into {@code targetDirectoryOrNull} (null: the job's
     * default); completes with its location. An ended job fails it with IllegalStateException.
     */
    CompletableFuture<String> triggerSavepoint(JobID jobId, String targetDirectoryOrNull);

    /** Takes a checkpoint of a running job now; completes with its id. */
    CompletableFuture<Long> triggerCheckpoint(JobID jobId);

    /** Deletes a savepoint (its directory or _metadata file), after checking that it is one. */
    CompletableFuture<Void> disposeSavepoint(String path);

    CompletableFuture<List<TaskManagerInfo>> taskManagers();

    /** Submits a JobGraph whose user code is in {@code jars} (files the endpoint received). */
    CompletableFuture<JobID> submitJob(JobGraph jobGraph, List<Path> jars);

    /**
     * Runs {@code entryClass}'s main() from an uploaded jar, in the cluster, and submits the job
     * it builds. {@code parallelism} null keeps the program's own default.
     */
    CompletableFuture<JobID> runJar(Path jar, String entryClass, List<String> programArgs, Integer parallelism);

    /** Stops the whole cluster (JobManager and TaskManagers) shortly after answering. */
    CompletableFuture<Void> shutDownCluster();

    /** The cluster's numbers for {@code GET /overview}. */
    record ClusterOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning, int jobsFinished,
            int jobsCancelled, int jobsFailed) {}

    /** One line of {@code GET /jobs/overview}; endTime and duration are -1 while running. */
    record JobOverview(String jobId, String name, String state, long startTime, long endTime, long duration,
            int tasksTotal, int tasksRunning, int tasksFinished) {}

    /** {@code GET /jobs/{id}}. */
    record JobDetails(String jobId, String name, String state, long startTime, long endTime, long duration,
            List<VertexDetails> vertices) {}

    record VertexDetails(String id, String name, int parallelism, int maxParallelism, String status,
            List<SubtaskDetails> subtasks) {}

    /** {@code status} as Flink's execution states: CREATED, DEPLOYING, RUNNING, FINISHED, CANCELED, FAILED. */
    record SubtaskDetails(int subtask, int attempt, String status, String taskManagerId, String host) {}

    /** {@code GET /jobs/{id}/exceptions}: the failure that ended the job or caused its last restart. */
    record JobExceptions(String rootException, long timestamp, List<String> history) {}

    /** One line of {@code GET /taskmanagers}. */
    record TaskManagerInfo(String id, String rpcAddress, String dataAddress, int slotsNumber, int freeSlots,
            long timeSinceLastHeartbeat) {}

    /** Unknown job, jar or TaskManager: the endpoint answers 404. */
    final class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }
}
