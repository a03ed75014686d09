package io.spindle.runtime.jobmaster;

import io.spindle.rpc.RpcGateway;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.DeclineCheckpoint;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.ExecutionIdMessage;
import io.spindle.runtime.messages.TaskStateUpdate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Typed, fenced calls from TaskExecutors to the JobMaster of one job. */
public final class JobMasterGateway {
    static final String UPDATE_TASK_STATE = "updateTaskState";
    static final String ACKNOWLEDGE_CHECKPOINT = "acknowledgeCheckpoint";
    static final String DECLINE_CHECKPOINT = "declineCheckpoint";
    static final String REQUEST_FINAL_CHECKPOINT = "requestFinalCheckpoint";

    private final RpcGateway rpc;
    private final UUID fencingToken;

    public JobMasterGateway(RpcGateway rpc, UUID fencingToken) {
        this.rpc = rpc;
        this.fencingToken = fencingToken;
    }

    public static String endpointId(String jobId) {
        return "jobmaster-" + jobId;
    }

    public RpcGateway rpc() {
        return rpc;
    }

    public CompletableFuture<Empty> updateTaskState(TaskStateUpdate update) {
        return rpc.callFenced(fencingToken, UPDATE_TASK_STATE, update, Empty.parser());
    }

    public CompletableFuture<Empty> acknowledgeCheckpoint(AcknowledgeCheckpoint acknowledgement) {
        return rpc.callFenced(fencingToken, ACKNOWLEDGE_CHECKPOINT, acknowledgement, Empty.parser());
    }

    public CompletableFuture<Empty> requestFinalCheckpoint(String executionId) {
        return rpc.callFenced(fencingToken, REQUEST_FINAL_CHECKPOINT,
                ExecutionIdMessage.newBuilder().setExecutionId(executionId).build(), Empty.parser());
    }

    public CompletableFuture<Empty> declineCheckpoint(DeclineCheckpoint decline) {
        return rpc.callFenced(fencingToken, DECLINE_CHECKPOINT, decline, Empty.parser());
    }
}
