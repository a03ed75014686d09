package io.spindle.runtime.dispatcher;

import io.spindle.api.JobID;
import io.spindle.rpc.RpcGateway;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobIdMessage;
import io.spindle.runtime.messages.JobList;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.JobStatusMessage;
import io.spindle.runtime.messages.JsonDocument;
import io.spindle.runtime.messages.CheckpointIdMessage;
import io.spindle.runtime.messages.SavepointLocation;
import io.spindle.runtime.messages.SubmitJob;
import io.spindle.runtime.messages.TriggerSavepoint;
import io.spindle.graph.JobGraph;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Typed, fenced calls of clients (LocalCluster, REST handlers) to the Dispatcher. */
public final class DispatcherGateway {
    public static final String ENDPOINT_ID = "dispatcher";
    static final String SUBMIT_JOB = "submitJob";
    static final String REQUEST_JOB_STATUS = "requestJobStatus";
    static final String REQUEST_JOB_RESULT = "requestJobResult";
    static final String CANCEL_JOB = "cancelJob";
    static final String LIST_JOBS = "listJobs";
    static final String REQUEST_JOB_DETAILS = "requestJobDetails";
    static final String REQUEST_JOB_EXCEPTIONS = "requestJobExceptions";
    static final String REQUEST_CHECKPOINT_STATS = "requestCheckpointStats";
    static final String TRIGGER_SAVEPOINT = "triggerSavepoint";
    static final String TRIGGER_CHECKPOINT = "triggerCheckpoint";
    static final String SHUT_DOWN_CLUSTER = "shutDownCluster";

    private final RpcGateway rpc;
    private final UUID fencingToken;

    public DispatcherGateway(RpcGateway rpc, UUID fencingToken) {
        this.rpc = rpc;
        this.fencingToken = fencingToken;
    }

    public CompletableFuture<Empty> submitJob(JobGraph jobGraph) {
        return rpc.callFenced(fencingToken, SUBMIT_JOB,
                SubmitJob.newBuilder().setJobGraph(ByteString.copyFrom(jobGraph.toBytes())).build(), Empty.parser());
    }

    public CompletableFuture<JobStatusMessage> requestJobStatus(JobID jobId) {
        return rpc.callFenced(fencingToken, REQUEST_JOB_STATUS, idMessage(jobId), JobStatusMessage.parser());
    }

    /** Completes when the job has ended, or fails with an RPC timeout after {@code wait}; callers ask again. */
    public CompletableFuture<JobResultMessage> requestJobResult(JobID jobId, Duration wait) {
        return rpc.callFenced(fencingToken, REQUEST_JOB_RESULT, idMessage(jobId), JobResultMessage.parser(), wait);
    }

    public CompletableFuture<Empty> cancelJob(JobID jobId) {
        return rpc.callFenced(fencingToken, CANCEL_JOB, idMessage(jobId), Empty.parser());
    }

    public CompletableFuture<JobList> listJobs() {
        return rpc.callFenced(fencingToken, LIST_JOBS, Empty.getDefaultInstance(), JobList.parser());
    }

    public CompletableFuture<JobDetailsMessage> requestJobDetails(JobID jobId) {
        return rpc.callFenced(fencingToken, REQUEST_JOB_DETAILS, idMessage(jobId), JobDetailsMessage.parser());
    }

    public CompletableFuture<JobExceptionsMessage> requestJobExceptions(JobID jobId) {
        return rpc.callFenced(fencingToken, REQUEST_JOB_EXCEPTIONS, idMessage(jobId), JobExceptionsMessage.parser());
    }

    /**
     * The job's checkpoint statistics and configuration as one JSON object
     * ({@code checkpoints}, {@code config}); an empty document when the job does not checkpoint.
     */
    public CompletableFuture<JsonDocument> requestCheckpointStats(JobID jobId) {
        return rpc.callFenced(fencingToken, REQUEST_CHECKPOINT_STATS, idMessage(jobId), JsonDocument.parser());
    }

    /**
     * Takes a savepoint of a running job; completes with its location once its metadata is
     * written, or fails after {@code wait}, which should cover the checkpoint timeout.
     */
    public CompletableFuture<SavepointLocation> triggerSavepoint(JobID jobId, String targetDirectoryOrNull, Duration wait) {
        return rpc.callFenced(fencingToken, TRIGGER_SAVEPOINT, savepointRequest(jobId, targetDirectoryOrNull).build(),
                SavepointLocation.parser(), wait);
    }

    /**
     * Stops a running job with a savepoint ({@code drain}: event time advanced to the end first);
     * completes with the savepoint's location once the job has FINISHED.
     */
    public CompletableFuture<SavepointLocation> stopWithSavepoint(JobID jobId, String targetDirectoryOrNull,
            boolean drain, Duration wait) {
        return rpc.callFenced(fencingToken, TRIGGER_SAVEPOINT, savepointRequest(jobId, targetDirectoryOrNull)
                .setStop(true).setDrain(drain).build(), SavepointLocation.parser(), wait);
    }

    private static TriggerSavepoint.Builder savepointRequest(JobID jobId, String targetDirectoryOrNull) {
        return TriggerSavepoint.newBuilder().setJobId(jobId.toHexString())
                .setTargetDirectory(targetDirectoryOrNull == null ? "" : targetDirectoryOrNull);
    }

    /** Takes a checkpoint of a running job now, as a periodic one; completes with its id. */
    public CompletableFuture<CheckpointIdMessage> triggerCheckpoint(JobID jobId, Duration wait) {
        return rpc.callFenced(fencingToken, TRIGGER_CHECKPOINT, idMessage(jobId), CheckpointIdMessage.parser(), wait);
    }

    /** Stops the cluster: the JobManager and, through the ResourceManager, its TaskManagers. */
    public CompletableFuture<Empty> shutDownCluster() {
        return rpc.callFenced(fencingToken, SHUT_DOWN_CLUSTER, Empty.getDefaultInstance(), Empty.parser());
    }

    private static JobIdMessage idMessage(JobID jobId) {
        return JobIdMessage.newBuilder().setJobId(jobId.toHexString()).build();
    }
}
