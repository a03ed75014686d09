package io.spindle.runtime.taskexecutor;

import io.spindle.rpc.RpcGateway;
import io.spindle.runtime.checkpoint.proto.CheckpointNotification;
import io.spindle.runtime.checkpoint.proto.TriggerCheckpoint;
import io.spindle.runtime.messages.AllocateSlot;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.ExecutionIdMessage;
import io.spindle.runtime.messages.FreeSlot;
import io.spindle.runtime.messages.HeartbeatRequest;
import io.spindle.runtime.messages.SlotReport;
import io.spindle.runtime.messages.TaskDeployment;
import java.util.concurrent.CompletableFuture;

/** Typed calls to a TaskExecutor (not fenced: it follows whichever leader it registered with). */
public final class TaskExecutorGateway {
    public static final String ENDPOINT_ID = "taskexecutor";
    static final String ALLOCATE_SLOT = "allocateSlot";
    static final String FREE_SLOT = "freeSlot";
    static final String SUBMIT_TASK = "submitTask";
    static final String CANCEL_TASK = "cancelTask";
    static final String HEARTBEAT_FROM_RESOURCE_MANAGER = "heartbeatFromResourceManager";
    static final String HEARTBEAT_FROM_JOB_MANAGER = "heartbeatFromJobManager";
    static final String SHUT_DOWN = "shutDown";
    static final String TRIGGER_CHECKPOINT = "triggerCheckpoint";
    static final String NOTIFY_CHECKPOINT = "notifyCheckpoint";

    private final RpcGateway rpc;

    public TaskExecutorGateway(RpcGateway rpc) {
        this.rpc = rpc;
    }

    public RpcGateway rpc() {
        return rpc;
    }

    public CompletableFuture<Empty> allocateSlot(AllocateSlot request) {
        return rpc.call(ALLOCATE_SLOT, request, Empty.parser());
    }

    public CompletableFuture<Empty> freeSlot(String allocationId) {
        return rpc.call(FREE_SLOT, FreeSlot.newBuilder().setAllocationId(allocationId).build(), Empty.parser());
    }

    public CompletableFuture<Empty> submitTask(TaskDeployment deployment) {
        return rpc.call(SUBMIT_TASK, deployment, Empty.parser());
    }

    public CompletableFuture<Empty> cancelTask(String executionId) {
        return rpc.call(CANCEL_TASK, ExecutionIdMessage.newBuilder().setExecutionId(executionId).build(), Empty.parser());
    }

    public CompletableFuture<SlotReport> heartbeatFromResourceManager(String senderId) {
        return rpc.call(HEARTBEAT_FROM_RESOURCE_MANAGER, HeartbeatRequest.newBuilder().setSenderId(senderId).build(),
                SlotReport.parser());
    }

    /** Asks the TaskManager process to exit (the cluster is being stopped). */
    public CompletableFuture<Empty> shutDown() {
        return rpc.call(SHUT_DOWN, Empty.getDefaultInstance(), Empty.parser());
    }

    /** Asks a source task to take a checkpoint. */
    public CompletableFuture<Empty> triggerCheckpoint(TriggerCheckpoint trigger) {
        return rpc.call(TRIGGER_CHECKPOINT, trigger, Empty.parser());
    }

    /** Tells a task that a checkpoint completed or was aborted. */
    public CompletableFuture<Empty> notifyCheckpoint(CheckpointNotification notification) {
        return rpc.call(NOTIFY_CHECKPOINT, notification, Empty.parser());
    }

    public CompletableFuture<Empty> heartbeatFromJobManager(String jobId) {
        return rpc.call(HEARTBEAT_FROM_JOB_MANAGER, HeartbeatRequest.newBuilder().setSenderId(jobId).build(), Empty.parser());
    }
}
