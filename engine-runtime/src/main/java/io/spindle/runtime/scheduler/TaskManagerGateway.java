package io.spindle.runtime.scheduler;

import io.spindle.runtime.checkpoint.proto.CheckpointNotification;
import io.spindle.runtime.checkpoint.proto.TriggerCheckpoint;
import io.spindle.runtime.messages.TaskDeployment;
import java.util.concurrent.CompletableFuture;

/** One TaskManager, as a job's scheduler and checkpoint coordinator use it. Sends never block. */
public interface TaskManagerGateway {
    /** Completes when the TaskManager accepted the task, exceptionally when it refused it. */
    CompletableFuture<?> submitTask(TaskDeployment deployment);

    void cancelTask(String executionId);

    /** Completes exceptionally when the task could not be asked, e.g. because it finished meanwhile. */
    CompletableFuture<?> triggerCheckpoint(TriggerCheckpoint trigger);

    void notifyCheckpoint(CheckpointNotification notification);
}
