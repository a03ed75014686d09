package io.spindle.runtime.taskexecutor;

import io.spindle.runtime.jobmaster.JobMasterGateway;
import io.spindle.runtime.messages.ExecutionStateProto;
import io.spindle.runtime.messages.TaskStateUpdate;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.DeclineCheckpoint;
import io.spindle.runtime.tasks.CheckpointResponder;
import io.spindle.runtime.tasks.TaskStateListener;
import io.spindle.util.SerializedThrowables;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.spindle.rpc.FencingTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a task's state changes and checkpoint acknowledgements to its JobMaster. */
final class TaskStateReporter implements TaskStateListener, CheckpointResponder {
    private static final Logger LOG = LoggerFactory.getLogger(TaskStateReporter.class);

    private final CompletableFuture<JobMasterGateway> jobMaster;
    private final Consumer<String> onTerminated;

    TaskStateReporter(CompletableFuture<JobMasterGateway> jobMaster, Consumer<String> onTerminated) {
        this.jobMaster = jobMaster;
        this.onTerminated = onTerminated;
    }

    @Override
    public void onRunning(String executionId) {
        send(TaskStateUpdate.newBuilder().setExecutionId(executionId).setState(ExecutionStateProto.RUNNING).build());
    }

    @Override
    public void onFinished(String executionId, Map<String, Long> counters) {
        send(TaskStateUpdate.newBuilder().setExecutionId(executionId).setState(ExecutionStateProto.FINISHED)
                .putAllCounters(counters).build());
        onTerminated.accept(executionId);
    }

    @Override
    public void onCanceled(String executionId) {
        send(TaskStateUpdate.newBuilder().setExecutionId(executionId).setState(ExecutionStateProto.CANCELED).build());
        onTerminated.accept(executionId);
    }

    @Override
    public void onFailed(String executionId, Throwable cause) {
        LOG.info("Task {} failed", executionId, cause);
        send(TaskStateUpdate.newBuilder().setExecutionId(executionId).setState(ExecutionStateProto.FAILED)
                .setFailure(SerializedThrowables.toProto(cause)).build());
        onTerminated.accept(executionId);
    }

    @Override
    public void acknowledgeCheckpoint(AcknowledgeCheckpoint acknowledgement) {
        jobMaster.thenCompose(gateway -> gateway.acknowledgeCheckpoint(acknowledgement)).whenComplete((ack, failure) -> {
            if (failure != null) {
                // The checkpoint then times out at the coordinator; nothing else waits for this.
                LOG.debug("Could not acknowledge checkpoint {} of task {}: {}", acknowledgement.getCheckpointId(),
                        acknowledgement.getExecutionId(), failure.toString());
            }
        });
    }

    @Override
    public void declineCheckpoint(String executionId, long checkpointId, Throwable cause) {
        DeclineCheckpoint decline = DeclineCheckpoint.newBuilder().setExecutionId(executionId)
                .setCheckpointId(checkpointId).setReason(SerializedThrowables.stackTraceOf(cause)).build();
        jobMaster.thenCompose(gateway -> gateway.declineCheckpoint(decline)).whenComplete((ack, failure) -> {
            if (failure != null) {
                LOG.debug("Could not decline checkpoint {} of task {}: {}", checkpointId, executionId, failure.toString());
            }
        });
    }

    @Override
    public void requestFinalCheckpoint(String executionId) {
        jobMaster.thenCompose(gateway -> gateway.requestFinalCheckpoint(executionId)).whenComplete((ack, failure) -> {
            if (failure != null) {
                // The next periodic checkpoint serves as well.
                LOG.debug("Could not ask for the final checkpoint of task {}: {}", executionId, failure.toString());
            }
        });
    }

    /** Attempts per update: a lost FINISHED or FAILED would leave the job waiting for this task forever. */
    private static final int ATTEMPTS = 4;

    private void send(TaskStateUpdate update) {
        send(update, 1);
    }

    private void send(TaskStateUpdate update, int attempt) {
        jobMaster.thenCompose(gateway -> gateway.updateTaskState(update)).whenComplete((ack, failure) -> {
            if (failure != null && attempt < ATTEMPTS && !(unwrap(failure) instanceof FencingTokenException)) {
                CompletableFuture.delayedExecutor(100L << attempt, TimeUnit.MILLISECONDS)
                        .execute(() -> send(update, attempt + 1));
                return;
            }
            if (failure != null) {
                // The JobMaster is gone; its own heartbeat to us, or ours to it, ends the job's tasks here.
                LOG.debug("Could not report state {} of task {}: {}", update.getState(), update.getExecutionId(), failure.toString());
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
