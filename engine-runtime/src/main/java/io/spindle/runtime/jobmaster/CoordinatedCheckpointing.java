package io.spindle.runtime.jobmaster;

import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobVertex;
import io.spindle.runtime.checkpoint.CheckpointCoordinator;
import io.spindle.runtime.checkpoint.CheckpointCoordinatorConfiguration;
import io.spindle.runtime.checkpoint.CheckpointException;
import io.spindle.runtime.checkpoint.CheckpointFailureReason;
import io.spindle.runtime.checkpoint.CheckpointIdCounter;
import io.spindle.runtime.checkpoint.CheckpointStats;
import io.spindle.runtime.checkpoint.CheckpointStatsJson;
import io.spindle.runtime.checkpoint.CheckpointTaskGateway;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.checkpoint.OperatorInfo;
import io.spindle.runtime.checkpoint.CheckpointRecoveryFactory;
import io.spindle.runtime.checkpoint.StateAssignment;
import io.spindle.runtime.checkpoint.SnapshotType;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.CheckpointNotification;
import io.spindle.runtime.checkpoint.proto.DeclineCheckpoint;
import io.spindle.runtime.checkpoint.proto.TriggerCheckpoint;
import io.spindle.runtime.checkpoint.storage.FsCheckpointStorage;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.runtime.executiongraph.Execution;
import io.spindle.runtime.messages.ExceptionEntry;
import io.spindle.runtime.executiongraph.ExecutionGraph;
import io.spindle.runtime.scheduler.CheckpointControl;
import io.spindle.runtime.scheduler.MainThreadScheduler;
import io.spindle.runtime.scheduler.TaskManagerGateway;
import io.spindle.runtime.scheduler.TaskManagerRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import io.spindle.runtime.checkpoint.storage.CheckpointPaths;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A job's checkpointing on the JobMaster: the coordinator, the standalone stores it keeps
 * completed checkpoints and ids in, its view of the job's tasks (the execution graph and the
 * TaskManagers' gateways), and what the scheduler asks of it. Main thread only, except for the
 * storage I/O, which runs on a thread of its own.
 */
final class CoordinatedCheckpointing implements JobCheckpointing, CheckpointTaskGateway {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoordinatedCheckpointing.class);
    private final ExecutionGraph graph;
    private final TaskManagerRegistry taskManagers;
    private final CheckpointCoordinator coordinator;
    private final ExecutorService io;
    private final FsCheckpointStorage storage;
    private final CheckpointingOptions.Mode mode;
    private final boolean unaligned;
    private final java.time.Duration alignedTimeout;
    private final MainThreadScheduler mainThread;
    /** Where the job's checkpoints go; null without a checkpoint directory. */
    private final String directory;
    private static final java.time.Duration FINAL_CHECKPOINT_RETRY = java.time.Duration.ofMillis(10);
    private long finalCheckpointRequests;
    private boolean finalCheckpointInFlight;
    private boolean stopInProgress;
    /** The savepoint the job was started from, while the store has no newer checkpoint; null if none. */
    private final CompletedCheckpoint initialState;

    CoordinatedCheckpointing(ExecutionGraph graph, TaskManagerRegistry taskManagers, Configuration jobConfiguration,
            CheckpointRecoveryFactory recovery, MainThreadScheduler mainThread, Consumer<Throwable> failJob)
            throws Exception {
        this.graph = graph;
        this.taskManagers = taskManagers;
        String directory = jobConfiguration.get(CheckpointingOptions.DIRECTORY);
        this.directory = directory == null || directory.isBlank() ? null : directory;
        if (jobConfiguration.contains(CheckpointingOptions.INTERVAL) && (directory == null || directory.isBlank())) {
            throw new IllegalConfigurationException("Checkpointing is on (" + CheckpointingOptions.INTERVAL.key() + ": "
                    + jobConfiguration.getString(CheckpointingOptions.INTERVAL.key()) + ") but no checkpoint directory is"
                    + " set: set " + CheckpointingOptions.DIRECTORY.key() + " to a directory on a file system every"
                    + " TaskManager reaches, such as hdfs:///checkpoints or file:///tmp/checkpoints on one machine");
        }
        CheckpointCoordinatorConfiguration config = CheckpointCoordinatorConfiguration.fromConfiguration(jobConfiguration);
        this.storage = new FsCheckpointStorage(directory, jobConfiguration.get(CheckpointingOptions.SAVEPOINT_DIRECTORY),
                graph.jobId());
        this.mode = jobConfiguration.get(CheckpointingOptions.MODE);
        this.unaligned = mode == CheckpointingOptions.Mode.EXACTLY_ONCE && jobConfiguration.get(CheckpointingOptions.UNALIGNED);
        this.alignedTimeout = jobConfiguration.get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT);
        this.mainThread = mainThread;
        CheckpointIdCounter ids = recovery.createCheckpointIdCounter(graph.jobId());
        CompletedCheckpointStore store = recovery.createCompletedCheckpointStore(graph.jobId(), config.numRetained());
        this.initialState = InitialState.load(jobConfiguration, graph.jobGraph(), ids, store);
        // Made once nothing above can fail, so that a job refused at creation leaks no thread.
        this.io = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "checkpoint-io-" + graph.jobId());
            thread.setDaemon(true);
            return thread;
        });
        this.coordinator = new CheckpointCoordinator(graph.jobId(), operatorInfos(graph), config, this,
                storage, ids, store, System::currentTimeMillis, mainThread, io,
                task -> {
                    try {
                        mainThread.execute(task);
                    } catch (java.util.concurrent.RejectedExecutionException jobMasterStopped) {
                        // Storage I/O that ends after the JobMaster stopped has no one to report to.
                    }
                }, failJob);
    }

    private static Map<String, OperatorInfo> operatorInfos(ExecutionGraph graph) {
        Map<String, OperatorInfo> operators = new LinkedHashMap<>();
        for (JobVertex vertex : graph.jobGraph().getVertices()) {
            for (int i = 0; i < vertex.operatorIds().size(); i++) {
                String id = vertex.operatorIds().get(i);
                operators.put(id, new OperatorInfo(id, vertex.operatorNames().get(i), vertex.parallelism(),
                        vertex.maxParallelism()));
            }
        }
        return operators;
    }

    @Override
    public void acknowledge(AcknowledgeCheckpoint acknowledgement) {
        coordinator.receiveAcknowledge(acknowledgement);
    }

    @Override
    public void decline(DeclineCheckpoint decline) {
        coordinator.receiveDecline(decline);
    }

    /**
     * Triggers now; a request that comes while a trigger is in flight (another source ended
     * meanwhile, or the limits skipped it) triggers again once that one is over, so no source
     * waits for the next interval.
     */
    @Override
    public void requestFinalCheckpoint() {
        if (!coordinator.getConfiguration().isPeriodic()) {
            return; // only savepoints: there is no checkpoint for the tasks to wait for
        }
        finalCheckpointRequests++;
        if (finalCheckpointInFlight) {
            return;
        }
        finalCheckpointInFlight = true;
        long served = finalCheckpointRequests;
        coordinator.triggerCheckpoint(false, null).whenCompleteAsync((checkpoint, failure) -> {
            finalCheckpointInFlight = false;
            if (graph.tasksForCheckpoint() == null) {
                return;
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
            if (cause instanceof CheckpointException skipped && (skipped.getReason() == CheckpointFailureReason.TOO_MANY_CONCURRENT
                    || skipped.getReason() == CheckpointFailureReason.MIN_PAUSE)) {
                // A checkpoint is in progress or the pause lasts: ask again shortly.
                mainThread.schedule(this::requestFinalCheckpoint, FINAL_CHECKPOINT_RETRY);
            } else if (finalCheckpointRequests > served) {
                requestFinalCheckpoint();
            }
        }, mainThread);
    }

    @Override
    public List<ExceptionEntry> checkpointFailures() {
        List<ExceptionEntry> failures = new java.util.ArrayList<>();
        for (CheckpointStats checkpoint : coordinator.getStats().getHistory()) {
            if (checkpoint.status() == CheckpointStats.Status.FAILED) {
                String message = (checkpoint.savepoint() ? "Savepoint " : "Checkpoint ") + checkpoint.checkpointId()
                        + " failed: " + checkpoint.failureMessage();
                failures.add(ExceptionEntry.newBuilder().setExceptionName(CheckpointException.class.getName())
                        .setStacktrace(CheckpointException.class.getName() + ": " + message)
                        .setTimestamp(checkpoint.failureTimestamp()).build());
            }
        }
        return failures;
    }

    @Override
    public String statsJson() {
        return CheckpointStatsJson.render(coordinator.getStats(), coordinator.getConfiguration(), mode,
                unaligned, alignedTimeout);
    }

    // ---- what the scheduler asks ----

    @Override
    public StateAssignment stateToRestore() {
        CompletedCheckpoint latest = coordinator.restoreLatest(initialState);
        return latest == null ? null : new StateAssignment(latest.metadata());
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(String targetDirectoryOrNull) {
        return coordinator.triggerCheckpoint(true, targetDirectoryOrNull).thenApply(CompletedCheckpoint::location);
    }

    /** One stop at a time: a second one while the first is in flight is refused. */
    @Override
    public CompletableFuture<String> stopWithSavepoint(String targetDirectoryOrNull, boolean drain) {
        if (stopInProgress) {
            return CompletableFuture.failedFuture(new IllegalStateException("Job " + graph.jobId()
                    + " is already being stopped with a savepoint; wait for that one"));
        }
        stopInProgress = true;
        return coordinator.triggerStopWithSavepoint(targetDirectoryOrNull, drain).whenComplete((done, failure) -> {
            if (failure != null) {
                stopInProgress = false;
            }
        }).thenApply(CompletedCheckpoint::location);
    }

    @Override
    public CompletableFuture<Long> triggerCheckpoint() {
        if (!coordinator.getConfiguration().isPeriodic()) {
            return CompletableFuture.failedFuture(new CheckpointException(CheckpointFailureReason.CHECKPOINTING_DISABLED,
                    "Checkpoint not taken: " + CheckpointFailureReason.CHECKPOINTING_DISABLED.description()));
        }
        return coordinator.triggerCheckpoint(false, null).thenApply(CompletedCheckpoint::checkpointId);
    }

    @Override
    public void onAllTasksRunning() {
        coordinator.startCheckpointScheduler();
    }

    @Override
    public void onTaskFinished(String executionId) {
        coordinator.onTaskFinished(executionId);
    }

    @Override
    public void onAttemptEnding() {
        coordinator.stopCheckpointScheduler();
        coordinator.abortPendingCheckpoints(CheckpointFailureReason.JOB_STOPPING);
    }

    @Override
    public void onJobTerminal(JobStatus status) {
        storage.markJobEnded();
        coordinator.shutdown(status);
        io.execute(this::discardJobDirectoryIfEmpty);
    }

    @Override
    public Optional<String> jobDirectoryToDelete(JobStatus terminalStatus) {
        return directory == null || !coordinator.discardsCheckpointsOn(terminalStatus) ? Optional.empty()
                : Optional.of(CheckpointPaths.jobDirectory(directory, graph.jobId()).toString());
    }

    private void discardJobDirectoryIfEmpty() {
        try {
            storage.discardJobDirectoryIfEmpty();
        } catch (java.io.IOException e) {
            LOG.warn("Could not delete the checkpoint directory of job {}: {}", graph.jobId(), e.toString());
        }
    }

    @Override
    public void close() {
        io.shutdown();
    }

    // ---- what the coordinator asks ----

    @Override
    public List<Task> tasksForCheckpoint() {
        return graph.tasksForCheckpoint();
    }

    @Override
    public void triggerCheckpoint(String executionId, long checkpointId, long timestamp, String checkpointDirectory,
            SnapshotType type) {
        TaskManagerGateway gateway = gatewayOf(executionId);
        if (gateway != null) {
            // A task that finished just before its trigger arrived never acknowledges: the checkpoint must not wait for it.
            gateway.triggerCheckpoint(TriggerCheckpoint.newBuilder().setExecutionId(executionId)
                    .setCheckpointId(checkpointId).setTimestamp(timestamp).setCheckpointDirectory(checkpointDirectory)
                    .setSnapshotType(type.code()).build()).whenCompleteAsync((ack, failure) -> {
                        if (failure != null) {
                            coordinator.receiveTriggerFailure(checkpointId, executionId, rootMessage(failure));
                        }
                    }, mainThread);
        }
    }

    @Override
    public void notifyCheckpointComplete(String executionId, long checkpointId) {
        notify(executionId, checkpointId, true);
    }

    @Override
    public void notifyCheckpointAborted(String executionId, long checkpointId) {
        notify(executionId, checkpointId, false);
    }

    private void notify(String executionId, long checkpointId, boolean completed) {
        TaskManagerGateway gateway = gatewayOf(executionId);
        if (gateway != null) {
            gateway.notifyCheckpoint(CheckpointNotification.newBuilder().setExecutionId(executionId)
                    .setCheckpointId(checkpointId).setCompleted(completed).build());
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private TaskManagerGateway gatewayOf(String executionId) {
        Execution execution = graph.execution(executionId);
        return execution == null ? null : taskManagers.get(execution.slot().getResourceId());
    }
}
