package io.spindle.rest;

import io.spindle.api.JobID;
import io.spindle.graph.JobGraph;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The result of an ended job; empty while the job has not ended. */
    CompletableFuture<Optional<JobResult>> jobResult(JobID jobId);

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

    /**
     * Stops a running job with a savepoint ({@code drain}: windows fire and operators finish
     * first); completes with the savepoint's location once the job has FINISHED.
     */
    CompletableFuture<String> stopWithSavepoint(JobID jobId, String targetDirectoryOrNull, boolean drain);

    /** Takes a checkpoint of a running job now; completes with its id. */
    CompletableFuture<Long> triggerCheckpoint(JobID jobId);

    /** Deletes a savepoint (its directory or _metadata file), after checking that it is one. */
    CompletableFuture<Void> disposeSavepoint(String path);

    CompletableFuture<List<TaskManagerInfo>> taskManagers();

    /**
     * Submits a JobGraph whose user code is in {@code jars}: files the endpoint received, which it
     * deletes once the returned future completes, so an implementation copies what it keeps.
     */
    CompletableFuture<JobID> submitJob(JobGraph jobGraph, List<Path> jars);

    /**
     * Runs {@code entryClass}'s main() from an uploaded jar, in the cluster, and submits the job
     * it builds. {@code parallelism} null keeps the program's own default; {@code jobId} null lets
     * the program's environment choose the job id; {@code jobConfiguration} is set on the
     * program's environment (e.g. the savepoint to start from).
     */
    CompletableFuture<JobID> runJar(Path jar, String entryClass, List<String> programArgs, Integer parallelism,
            JobID jobId, Map<String, String> jobConfiguration);

    /**
     * Runs {@code entryClass}'s main() as {@link #runJar} does, but only to get the dataflow plan
     * of the job it builds (Flink's plan JSON); nothing is submitted.
     */
    CompletableFuture<String> planJar(Path jar, String entryClass, List<String> programArgs, Integer parallelism);

    /** Stops the whole cluster (JobManager and TaskManagers) shortly after answering. */
    CompletableFuture<Void> shutDownCluster();

    /** The cluster's numbers for {@code GET /overview}. */
    record ClusterOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning, int jobsFinished,
            int jobsCancelled, int jobsFailed) {}

    /**
     * One line of {@code GET /jobs/overview}; endTime is -1 while running. {@code tasksPerState}
     * counts the subtasks by execution state name (states no subtask is in may be absent).
     */
    record JobOverview(String jobId, String name, String state, long startTime, long endTime, long duration,
            long lastModification, int tasksTotal, Map<String, Integer> tasksPerState) {}

    /**
     * {@code GET /jobs/{id}} and the routes below it. {@code statusTimestamps}: when the job
     * entered each status it reached; {@code plan}: the JSON of Flink's plan, whose {@code type}
     * (BATCH or STREAMING) is the job's type; {@code cleanup}: where the cleanup of an ended job
     * stands, null while it runs or when this JobManager did not clean it up.
     */
    record JobDetails(JobOverview overview, Map<String, Long> statusTimestamps, String plan, List<VertexDetails> vertices,
            Map<String, Long> accumulators, Map<String, String> jobConfiguration, CleanupReport cleanup) {}

    /** {@code status}: IN_PROGRESS, COMPLETED or FAILED; {@code left}: the steps not done, in order. */
    record CleanupReport(String status, List<CleanupLeftover> left) {}

    /** A cleanup step not done: what it deletes, where, how often it failed, and its last error (empty if not tried). */
    record CleanupLeftover(String resource, String location, int failedAttempts, String error) {}

    /** {@code id} is 32 hex digits; start and end time are -1 until reached. */
    record VertexDetails(String id, String name, int parallelism, int maxParallelism, String status, long startTime,
            long endTime, Map<String, Integer> tasksPerState, List<SubtaskDetails> subtasks) {}

    /**
     * {@code status} as Flink's execution states: CREATED, DEPLOYING, RUNNING, FINISHED, CANCELED,
     * FAILED; {@code stateTimestamps} when it entered each state it reached.
     */
    record SubtaskDetails(int subtask, int attempt, String status, String taskManagerId, String host,
            Map<String, Long> stateTimestamps) {}

    /**
     * {@code GET /jobs/{id}/exceptions}: the failure that ended the job or caused its last restart
     * (null when none), and every failure and failed checkpoint, newest first.
     */
    record JobExceptions(String rootException, long timestamp, List<ExceptionEntry> history) {}

    /** One failure; task name, TaskManager and host are null for a failure of the whole job. */
    record ExceptionEntry(String exceptionName, String stacktrace, long timestamp, String taskName,
            String taskManagerId, String host) {}

    /**
     * An ended job's outcome: {@code state} is its terminal status, {@code failure} null unless it
     * failed or was cancelled after a failure.
     */
    record JobResult(String jobId, String state, long startTime, long endTime, Map<String, Long> accumulators,
            Failure failure) {}

    /** A failure as the JobManager recorded it; {@code javaSerialized} is empty when the Throwable was not serializable. */
    record Failure(String className, String message, String stackTrace, byte[] javaSerialized) {}

    /** One line of {@code GET /taskmanagers}. */
    record TaskManagerInfo(String id, String rpcAddress, String dataAddress, int slotsNumber, int freeSlots,
            long timeSinceLastHeartbeat, Resources resources) {
        /**
         * What the TaskManager reported when it registered; bytes. {@code physicalMemory} and
         * {@code metaspace} are 0 when unknown or unlimited.
         */
        public record Resources(int cpuCores, long physicalMemory, long heap, long freeHeap, long networkMemory,
                long metaspace, long processMemory) {}
    }

    /** Unknown job, jar or TaskManager: the endpoint answers 404. */
    final class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }
}
