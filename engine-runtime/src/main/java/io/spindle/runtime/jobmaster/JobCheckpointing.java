package io.spindle.runtime.jobmaster;

import io.spindle.api.JobStatus;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointRecoveryFactory;
import io.spindle.configuration.CoreOptions;
import io.spindle.runtime.checkpoint.StateAssignment;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.DeclineCheckpoint;
import io.spindle.runtime.executiongraph.ExecutionGraph;
import io.spindle.runtime.scheduler.CheckpointControl;
import io.spindle.runtime.scheduler.MainThreadScheduler;
import io.spindle.runtime.scheduler.TaskManagerRegistry;
import io.spindle.runtime.messages.ExceptionEntry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What the JobMaster does with checkpoints: pass the tasks' answers on, report stats, and serve the scheduler. */
interface JobCheckpointing extends CheckpointControl, AutoCloseable {

    void acknowledge(AcknowledgeCheckpoint acknowledgement);

    void decline(DeclineCheckpoint decline);

    /** A source ended its input and waits for a checkpoint: take one as soon as the limits allow. */
    void requestFinalCheckpoint();

    /** A savepoint into the directory (null: the default); completes with its location. */
    CompletableFuture<String> triggerSavepoint(String targetDirectoryOrNull);

    /** Stop with savepoint (see {@link io.spindle.runtime.checkpoint.SnapshotType}); completes with its location. */
    CompletableFuture<String> stopWithSavepoint(String targetDirectoryOrNull, boolean drain);

    /** A checkpoint now; completes with its id. */
    CompletableFuture<Long> triggerCheckpoint();

    /** The job's checkpoint statistics and configuration as JSON (see CheckpointStatsJson); null without checkpoints. */
    String statsJson();

    /** The recent failed checkpoints, newest first, as entries of the job's exception history. */
    List<ExceptionEntry> checkpointFailures();

    /**
     * The job's checkpoint directory when the retention policy lets its checkpoints go at
     * {@code terminalStatus}: the cleanup deletes it, leftovers included.
     */
    Optional<String> jobDirectoryToDelete(JobStatus terminalStatus);

    @Override
    void close();

    /**
     * The job's checkpointing: coordinated for a streaming job, which takes savepoints and
     * restores even without a checkpoint interval; {@link #DISABLED} for a batch job.
     */
    static JobCheckpointing create(ExecutionGraph graph, TaskManagerRegistry taskManagers,
            Configuration jobConfiguration, CheckpointRecoveryFactory recovery, MainThreadScheduler mainThread,
            Consumer<Throwable> failJob) throws Exception {
        if (jobConfiguration.get(CoreOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH) {
            return DISABLED;
        }
        return new CoordinatedCheckpointing(graph, taskManagers, jobConfiguration, recovery, mainThread, failJob);
    }

    /** A batch job: nothing to take, nothing to restore. */
    JobCheckpointing DISABLED = new JobCheckpointing() {
        @Override
        public CompletableFuture<String> triggerSavepoint(String targetDirectoryOrNull) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "A batch job takes no savepoints: run it in STREAMING mode to take them"));
        }

        @Override
        public CompletableFuture<String> stopWithSavepoint(String targetDirectoryOrNull, boolean drain) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "A batch job cannot be stopped with a savepoint: cancel it, or run it in STREAMING mode"));
        }

        @Override
        public CompletableFuture<Long> triggerCheckpoint() {
            return CompletableFuture.failedFuture(new IllegalStateException("A batch job takes no checkpoints"));
        }

        @Override
        public void acknowledge(AcknowledgeCheckpoint acknowledgement) {}

        @Override
        public void decline(DeclineCheckpoint decline) {}

        @Override
        public void requestFinalCheckpoint() {}

        @Override
        public String statsJson() {
            return null;
        }

        @Override
        public List<ExceptionEntry> checkpointFailures() {
            return List.of();
        }

        @Override
        public Optional<String> jobDirectoryToDelete(JobStatus terminalStatus) {
            return Optional.empty();
        }

        @Override
        public StateAssignment stateToRestore() {
            return null;
        }

        @Override
        public void onAllTasksRunning() {}

        @Override
        public void onAttemptEnding() {}

        @Override
        public void onJobTerminal(JobStatus status) {}

        @Override
        public void close() {}
    };
}
