package io.spindle.runtime.jobmaster;

import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.checkpoint.StateAssignment;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.DeclineCheckpoint;
import io.spindle.runtime.executiongraph.ExecutionGraph;
import io.spindle.runtime.scheduler.CheckpointControl;
import io.spindle.runtime.scheduler.MainThreadScheduler;
import io.spindle.runtime.scheduler.TaskManagerRegistry;
import io.spindle.runtime.messages.ExceptionEntry;
import java.util.List;
import java.util.function.Consumer;

/** What the JobMaster does with checkpoints: pass the tasks' answers on, report stats, and serve the scheduler. */
interface JobCheckpointing extends CheckpointControl, AutoCloseable {

    void acknowledge(AcknowledgeCheckpoint acknowledgement);

    void decline(DeclineCheckpoint decline);

    /** A source ended its input and waits for a checkpoint: take one as soon as the limits allow. */
    void requestFinalCheckpoint();

    /** The job's checkpoint statistics and configuration as JSON (see CheckpointStatsJson); null without checkpoints. */
    String statsJson();

    /** The recent failed checkpoints, newest first, as entries of the job's exception history. */
    List<ExceptionEntry> checkpointFailures();

    @Override
    void close();

    /** The job's checkpointing, or {@link #DISABLED} when the job has no checkpoint interval. */
    static JobCheckpointing create(ExecutionGraph graph, TaskManagerRegistry taskManagers,
            Configuration jobConfiguration, MainThreadScheduler mainThread, Consumer<Throwable> failJob) {
        if (!jobConfiguration.contains(CheckpointingOptions.INTERVAL)) {
            return DISABLED;
        }
        return new CoordinatedCheckpointing(graph, taskManagers, jobConfiguration, mainThread, failJob);
    }

    /** Checkpointing is off: nothing to take, nothing to restore. */
    JobCheckpointing DISABLED = new JobCheckpointing() {
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
