package io.spindle.rest;

import io.spindle.api.JobID;
import io.spindle.graph.JobGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

/** A backend with fixed answers that records what the endpoint asked of it. */
final class FakeClusterBackend implements RestClusterBackend {
    static final JobID KNOWN_JOB = JobID.fromHexString("0123456789abcdef0123456789abcdef");
    static final JobID SUBMITTED_JOB = JobID.fromHexString("fedcba9876543210fedcba9876543210");

    final List<JobID> cancelled = new CopyOnWriteArrayList<>();
    final List<Object[]> jarRuns = new CopyOnWriteArrayList<>();
    final List<JobGraph> submittedGraphs = new CopyOnWriteArrayList<>();
    final List<List<byte[]>> submittedJarContents = new CopyOnWriteArrayList<>();
    final CountDownLatch shutDown = new CountDownLatch(1);
    volatile RuntimeException overviewFailure;
    volatile RuntimeException submitFailure;

    @Override
    public CompletableFuture<ClusterOverview> overview() {
        if (overviewFailure != null) {
            return CompletableFuture.failedFuture(overviewFailure);
        }
        return CompletableFuture.completedFuture(new ClusterOverview(2, 4, 2, 1, 0, 0, 0));
    }

    @Override
    public Map<String, String> configuration() {
        return configuration;
    }

    volatile Map<String, String> configuration = Map.of("taskmanager.numberOfTaskSlots", "2", "rest.port", "0");

    @Override
    public CompletableFuture<List<JobOverview>> listJobs() {
        return CompletableFuture.completedFuture(List.of(RUNNING_JOB));
    }

    static final JobOverview RUNNING_JOB = new JobOverview(KNOWN_JOB.toHexString(), "word count", "RUNNING", 1, -1, 5,
            40, 4, Map.of("RUNNING", 3, "DEPLOYING", 1));
    static final String VERTEX = "00000000000000000000000000000003";
    static final String PLAN = "{\"jid\":\"" + KNOWN_JOB.toHexString() + "\",\"name\":\"word count\","
            + "\"type\":\"STREAMING\",\"nodes\":[{\"id\":\"" + VERTEX + "\",\"parallelism\":2}]}";

    /** The job's result once set; empty means it still runs. */
    volatile JobResult result;

    @Override
    public CompletableFuture<JobDetails> jobDetails(JobID jobId) {
        if (!jobId.equals(KNOWN_JOB)) {
            return CompletableFuture.failedFuture(new NotFoundException("Job " + jobId + " is not known"));
        }
        return CompletableFuture.completedFuture(new JobDetails(RUNNING_JOB, Map.of("CREATED", 1L, "RUNNING", 2L), PLAN,
                List.of(new VertexDetails(VERTEX, "Source -> Map", 2, 128, "RUNNING", 3, -1,
                        Map.of("RUNNING", 1, "DEPLOYING", 1),
                        List.of(new SubtaskDetails(0, 0, "RUNNING", "tm-1", "127.0.0.1",
                                        Map.of("CREATED", 1L, "DEPLOYING", 3L, "RUNNING", 4L)),
                                new SubtaskDetails(1, 0, "DEPLOYING", "tm-1", "127.0.0.1",
                                        Map.of("CREATED", 1L, "DEPLOYING", 5L))))),
                Map.of("records", 42L),
                Map.of("parallelism.default", "2", "s3.secret-key", "hunter2", "pipeline.name", "word count"), null));
    }

    @Override
    public CompletableFuture<Optional<JobResult>> jobResult(JobID jobId) {
        if (!jobId.equals(KNOWN_JOB)) {
            return CompletableFuture.failedFuture(new NotFoundException("Job " + jobId + " is not known"));
        }
        return CompletableFuture.completedFuture(Optional.ofNullable(result));
    }

    @Override
    public CompletableFuture<JobExceptions> jobExceptions(JobID jobId) {
        if (!jobId.equals(KNOWN_JOB)) {
            return CompletableFuture.failedFuture(new NotFoundException("Job " + jobId + " is not known"));
        }
        return CompletableFuture.completedFuture(exceptions);
    }

    volatile JobExceptions exceptions = new JobExceptions(null, 7, List.of(new ExceptionEntry(
            "java.lang.IllegalStateException", "java.lang.IllegalStateException: boom", 7, "Source -> Map (1/2)",
            "tm-1", "127.0.0.1")));

    /** The known job checkpoints; its checkpoint JSON is what a JobMaster would render. */
    @Override
    public CompletableFuture<String> checkpointStats(JobID jobId) {
        if (!jobId.equals(KNOWN_JOB)) {
            return CompletableFuture.failedFuture(new NotFoundException("Job " + jobId + " is not known"));
        }
        return CompletableFuture.completedFuture(checkpointJson);
    }

    /** Set to "" for a job that does not checkpoint. */
    String checkpointJson = "{\"checkpoints\":{\"counts\":{\"completed\":3}},\"config\":{\"mode\":\"exactly_once\"}}";

    /** The savepoint the endpoint asked for last: complete it to end the operation. */
    final CompletableFuture<String> savepoint = new CompletableFuture<>();
    final List<String> savepointTargets = new CopyOnWriteArrayList<>();
    final List<String> disposed = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<String> triggerSavepoint(JobID jobId, String targetDirectoryOrNull) {
        if (!jobId.equals(KNOWN_JOB)) {
            return CompletableFuture.failedFuture(new NotFoundException("Job " + jobId + " is not known"));
        }
        savepointTargets.add(String.valueOf(targetDirectoryOrNull));
        return savepoint;
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(JobID jobId, String targetDirectoryOrNull, boolean drain) {
        if (!jobId.equals(KNOWN_JOB)) {
            return CompletableFuture.failedFuture(new NotFoundException("Job " + jobId + " is not known"));
        }
        savepointTargets.add("stop" + (drain ? " --drain " : " ") + targetDirectoryOrNull);
        return savepoint;
    }

    @Override
    public CompletableFuture<Long> triggerCheckpoint(JobID jobId) {
        return CompletableFuture.failedFuture(new IllegalStateException("Checkpoint not taken: checkpointing is not"
                + " enabled for the job (set execution.checkpointing.interval)"));
    }

    @Override
    public CompletableFuture<Void> disposeSavepoint(String path) {
        disposed.add(path);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> cancelJob(JobID jobId) {
        if (!jobId.equals(KNOWN_JOB)) {
            return CompletableFuture.failedFuture(new NotFoundException("Job " + jobId + " is not known"));
        }
        cancelled.add(jobId);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<TaskManagerInfo>> taskManagers() {
        return CompletableFuture.completedFuture(List.of(
                new TaskManagerInfo("tm-1", "127.0.0.1:40000", "127.0.0.1:40001", 2, 1, 120,
                        new TaskManagerInfo.Resources(4, 8L << 30, 512L << 20, 300L << 20, 64L << 20, 256L << 20,
                                1024L << 20))));
    }

    @Override
    public CompletableFuture<JobID> submitJob(JobGraph jobGraph, List<Path> jars) {
        if (submitFailure != null) {
            return CompletableFuture.failedFuture(submitFailure);
        }
        List<byte[]> contents = new ArrayList<>();
        try {
            for (Path jar : jars) {
                contents.add(Files.readAllBytes(jar));
            }
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        submittedGraphs.add(jobGraph);
        submittedJarContents.add(contents);
        return CompletableFuture.completedFuture(SUBMITTED_JOB);
    }

    @Override
    public CompletableFuture<JobID> runJar(Path jar, String entryClass, List<String> programArgs, Integer parallelism,
            JobID jobId, Map<String, String> jobConfiguration) {
        if (entryClass.equals("refused.Job")) {
            return CompletableFuture.failedFuture(new IllegalStateException("The cluster has no free slots"));
        }
        jarRuns.add(new Object[] {jar, entryClass, programArgs, parallelism, jobId, jobConfiguration});
        return CompletableFuture.completedFuture(jobId != null ? jobId : SUBMITTED_JOB);
    }

    @Override
    public CompletableFuture<String> planJar(Path jar, String entryClass, List<String> programArgs,
            Integer parallelism) {
        jarRuns.add(new Object[] {jar, entryClass, programArgs, parallelism, null});
        return CompletableFuture.completedFuture(PLAN);
    }

    @Override
    public CompletableFuture<Void> shutDownCluster() {
        shutDown.countDown();
        return CompletableFuture.completedFuture(null);
    }
}
