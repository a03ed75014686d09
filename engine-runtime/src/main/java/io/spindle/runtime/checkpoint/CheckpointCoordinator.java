package io.spindle.runtime.checkpoint;

import io.spindle.api.JobStatus;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.DeclineCheckpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a job's checkpoints and savepoints: triggers the source tasks, collects every running
 * task's acknowledgement, writes the metadata and retains the result; gives up on checkpoints
 * that are declined or time out, and fails the job when too many checkpoints fail in a row (a
 * failed savepoint is the caller's to handle, as in Flink: it never fails the job).
 *
 * <p>Single-threaded: every public method is called on the JobMaster's main thread, timers fire
 * there through the {@link CheckpointScheduler}, and file system work (ids, directories,
 * metadata, deletes) runs on the I/O executor and reports back through the main thread
 * executor. A checkpoint is pending from the moment its tasks are triggered until its metadata
 * is written; one aborted while its metadata is being written is deleted once the write
 * returns, so that no directory with a metadata file outlives its abort.
 *
 * <p>Finished tasks are neither triggered nor waited for: their state in the latest completed
 * checkpoint is carried into each new one.
 */
public final class CheckpointCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);
    /** {@link #lastCheckpointEnd} before any checkpoint ended: no pause to keep. */
    private static final long NEVER = Long.MIN_VALUE;

    private final String jobId;
    private final Map<String, OperatorInfo> operators;
    private final CheckpointCoordinatorConfiguration config;
    private final CheckpointTaskGateway tasks;
    private final CheckpointStorage storage;
    private final CheckpointIdCounter idCounter;
    private final CompletedCheckpointStore store;
    private final LongSupplier clock;
    private final CheckpointScheduler scheduler;
    private final Executor ioExecutor;
    private final Executor mainThread;
    private final CheckpointFailureManager failureManager;
    private final CheckpointCleaner cleaner;
    private final CheckpointStatsTracker stats = new CheckpointStatsTracker();

    /** Triggers waiting for their id and directory; they count as in progress. */
    private final Set<TriggerRequest> initializing = new HashSet<>();
    private final TreeMap<Long, PendingCheckpoint> pending = new TreeMap<>();
    private CheckpointScheduler.Cancellable periodicTrigger;
    private boolean periodic;
    private boolean shutdown;
    private long lastCheckpointEnd = NEVER;

    /** A trigger between its call and the registration of its pending checkpoint. */
    private record TriggerRequest(SnapshotType type, String targetDirectory, CompletableFuture<CompletedCheckpoint> future) {
        boolean savepoint() {
            return type.isSavepoint();
        }
    }

    /**
     * @param operators every operator of the job by id, for the metadata
     * @param clock epoch milliseconds
     * @param failJob called (on the main thread) when checkpoints failed more often in a row
     *     than tolerated
     */
    public CheckpointCoordinator(String jobId, Map<String, OperatorInfo> operators,
            CheckpointCoordinatorConfiguration config, CheckpointTaskGateway tasks, CheckpointStorage storage,
            CheckpointIdCounter idCounter, CompletedCheckpointStore store, LongSupplier clock,
            CheckpointScheduler scheduler, Executor ioExecutor, Executor mainThread, Consumer<Throwable> failJob) {
        this.jobId = jobId;
        this.operators = Map.copyOf(operators);
        this.config = config;
        this.tasks = tasks;
        this.storage = storage;
        this.idCounter = idCounter;
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ioExecutor = ioExecutor;
        this.mainThread = mainThread;
        this.failureManager = new CheckpointFailureManager(config.tolerableFailures(), failJob);
        this.cleaner = new CheckpointCleaner(storage, ioExecutor);
    }

    /** Starts periodic checkpoints, the first one an interval from now; no-op without an interval. */
    public void startCheckpointScheduler() {
        if (shutdown) {
            throw new IllegalStateException("The checkpoint coordinator of job " + jobId + " is shut down");
        }
        if (!config.isPeriodic() || periodic) {
            return;
        }
        periodic = true;
        schedulePeriodicTrigger(config.interval());
    }

    /** Stops periodic checkpoints and aborts those in progress, savepoints included. */
    public void stopCheckpointScheduler() {
        pausePeriodicTriggers();
        abortPendingCheckpoints(CheckpointFailureReason.JOB_STOPPING);
    }

    private void pausePeriodicTriggers() {
        periodic = false;
        if (periodicTrigger != null) {
            periodicTrigger.cancel();
            periodicTrigger = null;
        }
    }

    /**
     * Triggers a checkpoint or savepoint now; the future completes when its metadata is written.
     * The trigger is skipped (the future fails with a reason that is not counted as a failure)
     * while not every task runs, and for a checkpoint also while {@code maxConcurrent}
     * checkpoints are in progress or the minimum pause is not over; savepoints are not limited
     * by either.
     *
     * @param targetDirectoryOrNull a savepoint's directory; null for the storage's default (and
     *     for checkpoints, which always go to the checkpoint directory)
     */
    public CompletableFuture<CompletedCheckpoint> triggerCheckpoint(boolean savepoint, String targetDirectoryOrNull) {
        return trigger(savepoint ? SnapshotType.SAVEPOINT : SnapshotType.CHECKPOINT, targetDirectoryOrNull);
    }

    /**
     * Stop with savepoint: a savepoint whose sources emit nothing after their barrier, so the job
     * ends with it (see {@link SnapshotType}). Periodic checkpoints pause meanwhile, since none may
     * follow the job's last savepoint; they resume if it fails, as the job then runs on.
     */
    public CompletableFuture<CompletedCheckpoint> triggerStopWithSavepoint(String targetDirectoryOrNull, boolean drain) {
        boolean resumePeriodic = periodic;
        pausePeriodicTriggers();
        CompletableFuture<CompletedCheckpoint> savepoint = trigger(
                drain ? SnapshotType.DRAIN_SAVEPOINT : SnapshotType.STOP_SAVEPOINT, targetDirectoryOrNull);
        savepoint.whenComplete((completed, failure) -> {
            if (failure != null && resumePeriodic && !shutdown) {
                startCheckpointScheduler();
            }
        });
        return savepoint;
    }

    private CompletableFuture<CompletedCheckpoint> trigger(SnapshotType type, String targetDirectoryOrNull) {
        boolean savepoint = type.isSavepoint();
        if (!savepoint && targetDirectoryOrNull != null) {
            throw new IllegalArgumentException("A checkpoint goes to the checkpoint directory, not to "
                    + targetDirectoryOrNull);
        }
        if (shutdown) {
            return skipped(CheckpointFailureReason.JOB_STOPPING, savepoint);
        }
        if (!savepoint && checkpointsInProgress() >= config.maxConcurrent()) {
            return skipped(CheckpointFailureReason.TOO_MANY_CONCURRENT, false);
        }
        if (!savepoint && millisUntilPauseIsOver() > 0) {
            return skipped(CheckpointFailureReason.MIN_PAUSE, false);
        }
        if (!canCheckpoint(tasks.tasksForCheckpoint())) {
            return skipped(CheckpointFailureReason.TASKS_NOT_READY, savepoint);
        }
        TriggerRequest request = new TriggerRequest(type, targetDirectoryOrNull, new CompletableFuture<>());
        initializing.add(request);
        ioExecutor.execute(() -> initializeLocation(request));
        return request.future();
    }

    /** Takes a task's acknowledgement; the checkpoint completes with the last one. */
    public void receiveAcknowledge(AcknowledgeCheckpoint ack) {
        PendingCheckpoint checkpoint = pending.get(ack.getCheckpointId());
        if (checkpoint == null || !checkpoint.acknowledge(ack)) {
            // A late ack's state lies in its checkpoint's directory, deleted or retained with it.
            LOG.debug("Ignoring acknowledgement of checkpoint {} by {}: not awaited", ack.getCheckpointId(),
                    ack.getExecutionId());
            return;
        }
        stats.reportAcknowledged(checkpoint.checkpointId(), clock.getAsLong(), checkpoint.acknowledgedStateSize(),
                checkpoint.numberOfAcknowledgedTasks());
        if (checkpoint.isFullyAcknowledged()) {
            finalizeCheckpoint(checkpoint);
        }
    }

    /** A task could not take part: the checkpoint is aborted. */
    public void receiveDecline(DeclineCheckpoint decline) {
        PendingCheckpoint checkpoint = pending.get(decline.getCheckpointId());
        if (checkpoint == null || checkpoint.isWritingMetadata() || !checkpoint.involves(decline.getExecutionId())) {
            LOG.debug("Ignoring decline of checkpoint {} by {}", decline.getCheckpointId(), decline.getExecutionId());
            return;
        }
        abort(checkpoint, new CheckpointException(CheckpointFailureReason.DECLINED,
                "declined by task " + decline.getExecutionId() + ": " + decline.getReason()));
    }

    /**
     * A source task could not be triggered (it finished or failed just before): it will never
     * acknowledge, so the checkpoint is aborted at once, not counted as failed; the next one
     * starts without it.
     */
    public void receiveTriggerFailure(long checkpointId, String executionId, String reason) {
        PendingCheckpoint checkpoint = pending.get(checkpointId);
        if (checkpoint == null || checkpoint.isWritingMetadata() || !checkpoint.involves(executionId)) {
            return;
        }
        abort(checkpoint, new CheckpointException(CheckpointFailureReason.TASKS_NOT_READY,
                "task " + executionId + " could not be triggered: " + reason));
    }

    /**
     * A task finished: a pending checkpoint that still waits for its acknowledgement never gets
     * it (its trigger reached the task while it was finishing), so it is aborted, not counted as
     * failed; the next checkpoint carries the task's state over as a finished one's.
     */
    public void onTaskFinished(String executionId) {
        for (PendingCheckpoint checkpoint : new ArrayList<>(pending.values())) {
            if (!checkpoint.isWritingMetadata() && checkpoint.awaits(executionId)) {
                abort(checkpoint, new CheckpointException(CheckpointFailureReason.TASKS_NOT_READY,
                        "task " + executionId + " finished before it acknowledged"));
            }
        }
    }

    /** Aborts every checkpoint in progress, e.g. with JOB_STOPPING when the job fails or restarts. */
    public void abortPendingCheckpoints(CheckpointFailureReason reason) {
        List<TriggerRequest> requests = new ArrayList<>(initializing);
        initializing.clear();
        for (TriggerRequest request : requests) {
            request.future().completeExceptionally(new CheckpointException(reason, "aborted: " + reason.description()));
        }
        for (PendingCheckpoint checkpoint : new ArrayList<>(pending.values())) {
            abort(checkpoint, new CheckpointException(reason, "aborted: " + reason.description()));
        }
    }

    /**
     * The checkpoint to restore the job from: the latest completed one, else {@code initialOrNull}
     * (the savepoint the job was started from), else null; recorded as restored in the statistics.
     */
    public CompletedCheckpoint restoreLatest(CompletedCheckpoint initialOrNull) {
        CompletedCheckpoint stored = store.getLatestCheckpoint();
        CompletedCheckpoint latest = stored != null ? stored : initialOrNull;
        if (latest != null) {
            stats.reportRestored(latest.checkpointId(), clock.getAsLong(), latest.location());
            LOG.info("Restoring job {} from {}", jobId, latest);
        }
        return latest;
    }

    /**
     * The job reached {@code terminalStatus}: checkpointing stops and the retained checkpoints
     * are deleted or kept by the retention policy. Kept only when the job failed (unless
     * NO_EXTERNALIZED_CHECKPOINTS) or was cancelled with RETAIN_ON_CANCELLATION.
     */
    public void shutdown(JobStatus terminalStatus) {
        boolean discard = discardsCheckpointsOn(terminalStatus);
        if (shutdown) {
            return;
        }
        shutdown = true;
        stopCheckpointScheduler();
        try {
            store.shutdown(terminalStatus, discard ? checkpoint -> cleaner.discard(checkpoint.location()) : c -> {});
        } catch (Exception e) {
            LOG.warn("Could not shut down the checkpoint store of job {}", jobId, e);
        }
        if (discard) {
            cleaner.discardHeld();
        }
        LOG.info("Checkpoint coordinator of job {} shut down ({}); retained checkpoints {}", jobId, terminalStatus,
                discard ? "deleted" : "kept");
    }

    /** Whether the retention policy lets the retained checkpoints go when the job ends with {@code terminalStatus}. */
    public boolean discardsCheckpointsOn(JobStatus terminalStatus) {
        return switch (terminalStatus) {
            case FINISHED -> true;
            case CANCELED -> config.retention() != CheckpointingOptions.ExternalizedRetention.RETAIN_ON_CANCELLATION;
            case FAILED -> config.retention() == CheckpointingOptions.ExternalizedRetention.NO_EXTERNALIZED_CHECKPOINTS;
            default -> throw new IllegalArgumentException("Not a terminal job status: " + terminalStatus);
        };
    }

    public CheckpointStatsTracker getStats() {
        return stats;
    }

    public CheckpointCoordinatorConfiguration getConfiguration() {
        return config;
    }

    /** Checkpoints and savepoints whose tasks were triggered and that did not end yet. */
    public int getNumberOfPendingCheckpoints() {
        return pending.size();
    }

    private void schedulePeriodicTrigger(Duration delay) {
        periodicTrigger = scheduler.schedule(this::onPeriodicTrigger, delay);
    }

    /**
     * A periodic trigger: one that has to wait for the minimum pause is moved to when it is
     * over; one that would exceed maxConcurrent is skipped until the next interval.
     */
    private void onPeriodicTrigger() {
        periodicTrigger = null;
        if (!periodic) {
            return;
        }
        long pause = millisUntilPauseIsOver();
        if (pause > 0 && checkpointsInProgress() < config.maxConcurrent()) {
            schedulePeriodicTrigger(Duration.ofMillis(pause));
            return;
        }
        triggerCheckpoint(false, null);
        if (periodic && periodicTrigger == null) {
            schedulePeriodicTrigger(config.interval());
        }
    }

    /** On the I/O executor: an id and a directory for the request. */
    private void initializeLocation(TriggerRequest request) {
        long checkpointId = -1;
        try {
            checkpointId = idCounter.getAndIncrement();
            String location = request.savepoint()
                    ? storage.initializeSavepointLocation(checkpointId, request.targetDirectory())
                    : storage.initializeCheckpointLocation(checkpointId);
            long id = checkpointId;
            mainThread.execute(() -> startCheckpoint(request, id, location));
        } catch (Exception e) {
            long id = checkpointId;
            CheckpointException failure = new CheckpointException(CheckpointFailureReason.IO_FAILURE,
                    "could not get an id and a directory: " + e, e);
            mainThread.execute(() -> {
                if (initializing.remove(request)) {
                    failTrigger(request, id, failure);
                }
            });
        }
    }

    /** Registers the checkpoint and triggers its sources, with the tasks as they are now. */
    private void startCheckpoint(TriggerRequest request, long checkpointId, String location) {
        if (!initializing.remove(request)) {
            cleaner.discard(location); // aborted meanwhile, its future failed
            return;
        }
        List<CheckpointTaskGateway.Task> current = tasks.tasksForCheckpoint();
        if (!canCheckpoint(current)) {
            cleaner.discard(location);
            failTrigger(request, checkpointId, new CheckpointException(CheckpointFailureReason.TASKS_NOT_READY,
                    "not started: " + CheckpointFailureReason.TASKS_NOT_READY.description()));
            return;
        }
        long now = clock.getAsLong();
        PendingCheckpoint checkpoint = new PendingCheckpoint(checkpointId, now, location, request.savepoint(),
                current, request.future());
        CompletedCheckpoint latest = store.getLatestCheckpoint();
        if (latest != null) {
            checkpoint.carryOverFinishedTasks(latest);
        }
        pending.put(checkpointId, checkpoint);
        checkpoint.setTimeout(scheduler.schedule(() -> expire(checkpoint), config.timeout()));
        stats.reportTriggered(checkpointId, request.savepoint(), now, checkpoint.numberOfTasksToAcknowledge());
        LOG.info("Triggering {} of job {} at {}", checkpoint, jobId, location);
        for (CheckpointTaskGateway.Task task : checkpoint.runningTasks()) {
            if (task.source()) {
                tasks.triggerCheckpoint(task.executionId(), checkpointId, now, location, request.type());
            }
        }
    }

    /** A trigger that got no pending checkpoint; a counted failure still shows in the statistics' count. */
    private void failTrigger(TriggerRequest request, long checkpointId, CheckpointException failure) {
        LOG.info("Failed {}{} of job {}: {}", request.savepoint() ? "savepoint" : "checkpoint",
                checkpointId < 0 ? "" : " " + checkpointId, jobId, failure.getMessage());
        if (failure.getReason().countsAsFailure()) {
            stats.reportFailedTrigger();
        }
        request.future().completeExceptionally(failure);
        if (!request.savepoint()) {
            failureManager.handleFailure(checkpointId, failure);
        }
    }

    private void expire(PendingCheckpoint checkpoint) {
        if (!checkpoint.isDisposed()) {
            abort(checkpoint, new CheckpointException(CheckpointFailureReason.EXPIRED, "expired after "
                    + config.timeout().toMillis() + " ms with " + checkpoint.numberOfAcknowledgedTasks() + " of "
                    + checkpoint.numberOfTasksToAcknowledge() + " tasks acknowledged"));
        }
    }

    /** All tasks acknowledged: writes the metadata on the I/O executor. */
    private void finalizeCheckpoint(PendingCheckpoint checkpoint) {
        CheckpointMetadata metadata;
        try {
            metadata = checkpoint.toMetadata(jobId, operators);
        } catch (IllegalStateException e) {
            abort(checkpoint, new CheckpointException(CheckpointFailureReason.FINALIZE_FAILED,
                    "could not build the metadata: " + e.getMessage(), e));
            return;
        }
        checkpoint.startWritingMetadata();
        ioExecutor.execute(() -> {
            Exception failure = null;
            try {
                storage.writeMetadata(checkpoint.location(), metadata);
            } catch (Exception e) {
                failure = e;
            }
            Exception writeFailure = failure;
            mainThread.execute(() -> onMetadataWritten(checkpoint, metadata, writeFailure));
        });
    }

    private void onMetadataWritten(PendingCheckpoint checkpoint, CheckpointMetadata metadata, Exception failure) {
        checkpoint.metadataWriteReturned();
        if (checkpoint.isDisposed()) {
            cleaner.discard(checkpoint.location()); // aborted while writing, the write is over now
            return;
        }
        if (failure != null) {
            abort(checkpoint, new CheckpointException(CheckpointFailureReason.FINALIZE_FAILED,
                    "could not write the metadata: " + failure, failure));
            return;
        }
        long now = clock.getAsLong();
        CompletedCheckpoint completed = new CompletedCheckpoint(checkpoint.location(), metadata, now);
        if (!completed.isSavepoint()) {
            try {
                store.addCheckpointAndSubsumeOldest(completed,
                        subsumed -> cleaner.discardWhenUnreferenced(subsumed.location()));
            } catch (Exception e) {
                abort(checkpoint, new CheckpointException(CheckpointFailureReason.FINALIZE_FAILED,
                        "could not add it to the completed checkpoint store: " + e, e));
                return;
            }
        }
        pending.remove(checkpoint.checkpointId());
        checkpoint.dispose();
        lastCheckpointEnd = now;
        failureManager.handleSuccess();
        stats.reportCompleted(completed.checkpointId(), now, completed.stateSize(), completed.location());
        LOG.info("Completed {} of job {} ({} bytes in {} ms; {})", checkpoint, jobId,
                completed.stateSize(), now - checkpoint.triggerTimestamp(), checkpoint.describeTaskDurations());
        for (CheckpointTaskGateway.Task task : checkpoint.runningTasks()) {
            tasks.notifyCheckpointComplete(task.executionId(), completed.checkpointId());
        }
        if (!completed.isSavepoint()) {
            for (PendingCheckpoint older : new ArrayList<>(pending.headMap(completed.checkpointId()).values())) {
                if (!older.isSavepoint()) {
                    abort(older, new CheckpointException(CheckpointFailureReason.SUBSUMED,
                            "subsumed by completed checkpoint " + completed.checkpointId()));
                }
            }
        }
        cleaner.release(store.getAllCheckpoints(), pending.values());
        checkpoint.future().complete(completed);
    }

    /**
     * Ends a checkpoint that will not complete: the tasks are told, its directory deleted (once
     * a metadata write in flight returned), its future failed, and the failure counted.
     */
    private void abort(PendingCheckpoint checkpoint, CheckpointException failure) {
        if (checkpoint.isDisposed()) {
            return;
        }
        pending.remove(checkpoint.checkpointId());
        checkpoint.dispose();
        long now = clock.getAsLong();
        lastCheckpointEnd = now;
        stats.reportFailed(checkpoint.checkpointId(), now, failure.getMessage());
        LOG.info("Failed {} of job {}: {}", checkpoint, jobId, failure.getMessage());
        for (CheckpointTaskGateway.Task task : checkpoint.runningTasks()) {
            tasks.notifyCheckpointAborted(task.executionId(), checkpoint.checkpointId());
        }
        if (!checkpoint.isWritingMetadata()) {
            cleaner.discard(checkpoint.location());
        }
        cleaner.release(store.getAllCheckpoints(), pending.values());
        checkpoint.future().completeExceptionally(failure);
        if (!checkpoint.isSavepoint()) {
            failureManager.handleFailure(checkpoint.checkpointId(), failure);
        }
    }

    private CompletableFuture<CompletedCheckpoint> skipped(CheckpointFailureReason reason, boolean savepoint) {
        LOG.debug("{} of job {} skipped: {}", savepoint ? "Savepoint" : "Checkpoint", jobId, reason.description());
        return CompletableFuture.failedFuture(new CheckpointException(reason,
                (savepoint ? "Savepoint" : "Checkpoint") + " skipped: " + reason.description()));
    }

    /** Whether every task runs and some source has not finished yet. */
    private static boolean canCheckpoint(List<CheckpointTaskGateway.Task> current) {
        return current != null && current.stream().anyMatch(task -> task.source() && !task.finished());
    }

    /** Checkpoints (not savepoints) being initialized or pending. */
    private int checkpointsInProgress() {
        int count = (int) initializing.stream().filter(request -> !request.savepoint()).count();
        return count + (int) pending.values().stream().filter(checkpoint -> !checkpoint.isSavepoint()).count();
    }

    private long millisUntilPauseIsOver() {
        if (lastCheckpointEnd == NEVER) {
            return 0;
        }
        return Math.max(0, lastCheckpointEnd + config.minPause().toMillis() - clock.getAsLong());
    }
}
