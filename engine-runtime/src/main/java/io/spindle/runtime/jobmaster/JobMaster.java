package io.spindle.runtime.jobmaster;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointRecoveryFactory;
import io.spindle.graph.JobGraph;
import io.spindle.heartbeat.HeartbeatListener;
import io.spindle.heartbeat.HeartbeatManager;
import io.spindle.heartbeat.HeartbeatScheduler;
import io.spindle.rpc.FencedRpcEndpoint;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.checkpoint.CheckpointScheduler;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.DeclineCheckpoint;
import io.spindle.runtime.executiongraph.ExecutionGraph;
import io.spindle.runtime.executiongraph.ExecutionState;
import io.spindle.runtime.jobmaster.restart.RestartStrategies;
import io.spindle.runtime.messages.Address;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.ExceptionEntry;
import io.spindle.runtime.messages.ExecutionIdMessage;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.messages.TaskStateUpdate;
import io.spindle.runtime.resourcemanager.ResourceManagerGateway;
import io.spindle.runtime.scheduler.JobScheduler;
import io.spindle.runtime.scheduler.MainThreadScheduler;
import io.spindle.runtime.scheduler.TaskDeploymentFactory;
import io.spindle.util.SerializedThrowables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * The RPC endpoint of one job, fenced by the JobManager's leader session: it passes what tasks
 * report to the job's {@link JobScheduler} and checkpoint coordinator, answers monitoring
 * requests from the {@link ExecutionGraph}, and watches the job's TaskManagers with heartbeats.
 * What to do is decided by those classes; this one only carries messages.
 */
public final class JobMaster extends FencedRpcEndpoint implements JobMasterService, HeartbeatListener<Empty> {
    private final String jobId;
    private final UUID leaderSessionId;
    private final JobMasterConfiguration configuration;
    private final ExecutionGraph graph;
    private final JobTaskManagers taskManagers;
    private final JobCheckpointing checkpointing;
    private final JobScheduler scheduler;

    public JobMaster(RpcService rpcService, JobGraph jobGraph, UUID leaderSessionId, ResourceManagerGateway resourceManager,
            JobMasterConfiguration configuration, CheckpointRecoveryFactory checkpointRecovery,
            ScheduledExecutorService timers) throws Exception {
        super(rpcService, JobMasterGateway.endpointId(jobGraph.getJobId().toHexString()));
        this.jobId = jobGraph.getJobId().toHexString();
        Configuration jobConfiguration = configuration.withClusterCheckpointing(jobGraph.getConfiguration());
        this.leaderSessionId = leaderSessionId;
        this.configuration = configuration;
        this.graph = new ExecutionGraph(jobGraph, System::currentTimeMillis);
        MainThreadScheduler mainThread = mainThreadScheduler();
        HeartbeatManager<Empty> heartbeats = new HeartbeatManager<>(configuration.heartbeatInterval(),
                configuration.heartbeatTimeout(), this, getMainThreadExecutor(), HeartbeatScheduler.of(timers));
        this.taskManagers = new JobTaskManagers(rpcService, jobId, heartbeats,
                (resourceId, reason) -> runAsync(() -> onTaskManagerLost(resourceId, reason)), getMainThreadExecutor());
        this.checkpointing = JobCheckpointing.create(graph, taskManagers, jobConfiguration, checkpointRecovery,
                mainThread, this::failGlobally);
        Address ownAddress = Address.newBuilder().setHost(rpcService.getAddress().getHostString())
                .setPort(rpcService.getAddress().getPort()).build();
        this.scheduler = new JobScheduler(graph, new ResourceManagerSlots(resourceManager, jobId), taskManagers,
                grants -> new TaskDeploymentFactory(jobGraph, grants, ownAddress, getEndpointId(), leaderSessionId),
                RestartStrategies.fromConfiguration(
                        configuration.restartStrategyConfiguration(jobConfiguration), System::currentTimeMillis),
                checkpointing, mainThread, configuration.slotRequestTimeout());
    }

    /** Completes once, when the job is globally terminal; names the checkpoints its cleanup deletes. */
    @Override
    public CompletableFuture<JobResultMessage> getResultFuture() {
        return scheduler.resultFuture().thenApply(result -> checkpointing
                .jobDirectoryToDelete(JobStatus.valueOf(result.getStatus()))
                .map(directory -> result.toBuilder().setCheckpointsToDelete(directory).build())
                .orElse(result));
    }

    @Override
    protected void onStart() {
        setFencingToken(leaderSessionId);
        scheduler.start();
    }

    /** Stopped before the job ended (the Dispatcher stops): tasks are cancelled, watchers told. */
    @Override
    protected void onStop() {
        scheduler.stop();
        checkpointing.close();
        taskManagers.close();
        scheduler.resultFuture().completeExceptionally(new IllegalStateException("The JobMaster of job " + jobId
                + " stopped before the job ended: the JobManager shut down or lost its leadership"));
    }

    @Override
    public CompletableFuture<JobSummary> requestSummary() {
        return CompletableFuture.supplyAsync(graph::summary, getMainThreadExecutor());
    }

    @Override
    public CompletableFuture<JobDetailsMessage> requestDetails() {
        return CompletableFuture.supplyAsync(graph::details, getMainThreadExecutor());
    }

    /** The failure that ended the job or caused its last restart, all earlier ones, and failed checkpoints. */
    @Override
    public CompletableFuture<JobExceptionsMessage> requestExceptions() {
        return CompletableFuture.supplyAsync(() -> {
            JobExceptionsMessage exceptions = graph.exceptions();
            List<ExceptionEntry> history = new ArrayList<>(exceptions.getHistoryList());
            history.addAll(checkpointing.checkpointFailures());
            history.sort(Comparator.comparingLong(ExceptionEntry::getTimestamp).reversed());
            return exceptions.toBuilder().clearHistory().addAllHistory(history).build();
        }, getMainThreadExecutor());
    }

    @Override
    public CompletableFuture<JobStatus> requestStatus() {
        return CompletableFuture.supplyAsync(graph::status, getMainThreadExecutor());
    }

    @Override
    public CompletableFuture<String> requestCheckpointStats() {
        return CompletableFuture.supplyAsync(checkpointing::statsJson, getMainThreadExecutor());
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(String targetDirectoryOrNull) {
        return CompletableFuture.supplyAsync(() -> checkpointing.triggerSavepoint(targetDirectoryOrNull),
                getMainThreadExecutor()).thenCompose(location -> location);
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(String targetDirectoryOrNull, boolean drain) {
        return CompletableFuture.supplyAsync(() -> checkpointing.stopWithSavepoint(targetDirectoryOrNull, drain),
                getMainThreadExecutor()).thenCompose(location -> location)
                .thenCompose(location -> scheduler.resultFuture().thenApply(result -> {
                    if (!JobStatus.FINISHED.name().equals(result.getStatus())) {
                        throw new java.util.concurrent.CompletionException(new IllegalStateException("The savepoint "
                                + location + " is complete, but job " + jobId + " then ended " + result.getStatus()
                                + " instead of FINISHED: see its exceptions for why"));
                    }
                    return location;
                }));
    }

    @Override
    public CompletableFuture<Long> triggerCheckpoint() {
        return CompletableFuture.supplyAsync(checkpointing::triggerCheckpoint, getMainThreadExecutor())
                .thenCompose(id -> id);
    }

    /** Cancels all tasks; the job ends CANCELED once they have stopped. */
    @Override
    public CompletableFuture<Void> cancel() {
        return CompletableFuture.runAsync(scheduler::cancel, getMainThreadExecutor());
    }

    // ---- incoming calls ----

    @Override
    protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
        switch (method) {
            case JobMasterGateway.UPDATE_TASK_STATE -> {
                TaskStateUpdate update = TaskStateUpdate.parseFrom(payload);
                scheduler.onTaskState(update.getExecutionId(), ExecutionState.valueOf(update.getState().name()),
                        update.getCountersMap(), update.hasFailure()
                                ? SerializedThrowables.fromProto(update.getFailure(), Thread.currentThread().getContextClassLoader())
                                : null);
            }
            case JobMasterGateway.ACKNOWLEDGE_CHECKPOINT -> checkpointing.acknowledge(AcknowledgeCheckpoint.parseFrom(payload));
            case JobMasterGateway.DECLINE_CHECKPOINT -> checkpointing.decline(DeclineCheckpoint.parseFrom(payload));
            case JobMasterGateway.REQUEST_FINAL_CHECKPOINT -> {
                graph.markInputEnded(ExecutionIdMessage.parseFrom(payload).getExecutionId());
                checkpointing.requestFinalCheckpoint();
            }
            default -> throw unknownMethod(method);
        }
        return CompletableFuture.completedFuture(Empty.getDefaultInstance());
    }

    // ---- heartbeats ----

    @Override
    public void reportPayload(String targetId, Empty payload) {}

    @Override
    public void notifyHeartbeatTimeout(String targetId) {
        onTaskManagerLost(targetId, "no heartbeat within " + configuration.heartbeatTimeout().toMillis() + " ms");
    }

    private void onTaskManagerLost(String resourceId, String reason) {
        if (taskManagers.remove(resourceId)) {
            scheduler.onTaskManagerLost(resourceId, reason);
        }
    }

    /** Too many checkpoints failed: the job fails (and may restart) as for a task failure. */
    private void failGlobally(Throwable cause) {
        runAsync(() -> scheduler.failGlobally(cause));
    }

    private MainThreadScheduler mainThreadScheduler() {
        return new MainThreadScheduler() {
            @Override
            public void execute(Runnable command) {
                getMainThreadExecutor().execute(command);
            }

            @Override
            public CheckpointScheduler.Cancellable schedule(Runnable action, Duration delay) {
                ScheduledFuture<?> future = getMainThreadExecutor().schedule(action, delay);
                return () -> future.cancel(false);
            }
        };
    }
}
