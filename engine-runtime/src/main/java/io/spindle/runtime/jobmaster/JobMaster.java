package io.spindle.runtime.jobmaster;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.spindle.api.JobStatus;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.heartbeat.HeartbeatListener;
import io.spindle.heartbeat.HeartbeatManager;
import io.spindle.heartbeat.HeartbeatScheduler;
import io.spindle.rpc.FencedRpcEndpoint;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.messages.Address;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.SubtaskInfo;
import io.spindle.runtime.messages.VertexInfo;
import io.spindle.runtime.jobmaster.restart.RestartStrategies;
import io.spindle.runtime.jobmaster.restart.RestartStrategy;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.messages.RequestSlots;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.messages.TaskStateUpdate;
import io.spindle.runtime.resourcemanager.ResourceManagerGateway;
import io.spindle.runtime.taskexecutor.TaskExecutorGateway;
import io.spindle.util.SerializedThrowables;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job: asks the ResourceManager for slots (slot sharing: instance i of every vertex in
 * slot i), deploys all tasks at once, follows their states, and ends the job as FINISHED when
 * all tasks finished, FAILED (with the first failure as cause) when one failed, or CANCELED.
 * Watches the TaskManagers it uses with heartbeats. Fenced by the JobManager's leader session.
 */
public final class JobMaster extends FencedRpcEndpoint implements HeartbeatListener<Empty> {
    private static final Logger LOG = LoggerFactory.getLogger(JobMaster.class);

    private final JobGraph jobGraph;
    private final String jobId;
    private final UUID leaderSessionId;
    private final ResourceManagerGateway resourceManager;
    private final JobMasterConfiguration configuration;
    private final HeartbeatManager<Empty> taskManagerHeartbeats;
    private final CompletableFuture<JobResultMessage> result = new CompletableFuture<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Map<String, TaskExecutorGateway> taskExecutors = new HashMap<>();
    private final Map<String, Long> accumulators = new HashMap<>();
    private final long startTime = System.currentTimeMillis();

    private final RestartStrategy restartStrategy;
    private final List<String> failureHistory = new ArrayList<>();

    private JobStatus status = JobStatus.CREATED;
    private Throwable failureCause;
    private long lastFailureTime;
    private long endTime = -1;
    private int attempt;
    private boolean restartScheduled;

    public JobMaster(RpcService rpcService, JobGraph jobGraph, UUID leaderSessionId, ResourceManagerGateway resourceManager,
            JobMasterConfiguration configuration, ScheduledExecutorService scheduler) {
        super(rpcService, JobMasterGateway.endpointId(jobGraph.getJobId().toHexString()));
        this.jobGraph = jobGraph;
        this.jobId = jobGraph.getJobId().toHexString();
        this.leaderSessionId = leaderSessionId;
        this.resourceManager = resourceManager;
        this.configuration = configuration;
        this.restartStrategy = RestartStrategies.fromConfiguration(
                configuration.restartStrategyConfiguration(jobGraph.getConfiguration()), System::currentTimeMillis);
        this.taskManagerHeartbeats = new HeartbeatManager<>(configuration.heartbeatInterval(),
                configuration.heartbeatTimeout(), this, getMainThreadExecutor(), HeartbeatScheduler.of(scheduler));
    }

    /** Completes once, when the job is globally terminal. */
    public CompletableFuture<JobResultMessage> getResultFuture() {
        return result;
    }

    @Override
    protected void onStart() {
        setFencingToken(leaderSessionId);
        status = JobStatus.RUNNING;
        requestSlots();
    }

    /** Stopped before the job ended (the Dispatcher stops): tasks are cancelled, watchers told. */
    @Override
    protected void onStop() {
        taskManagerHeartbeats.close();
        if (!result.isDone()) {
            cancelRunningExecutions();
            result.completeExceptionally(new IllegalStateException("The JobMaster of job " + jobId
                    + " stopped before the job ended: the JobManager shut down or lost its leadership"));
        }
    }

    /** A snapshot of the job's state for listings; main thread. */
    public CompletableFuture<JobSummary> requestSummary() {
        return CompletableFuture.supplyAsync(this::summary, getMainThreadExecutor());
    }

    /** Vertices with per-subtask state, for monitoring; main thread. */
    public CompletableFuture<JobDetailsMessage> requestDetails() {
        return CompletableFuture.supplyAsync(this::details, getMainThreadExecutor());
    }

    /** The failure that ended the job or caused its last restart, and all earlier ones. */
    public CompletableFuture<JobExceptionsMessage> requestExceptions() {
        return CompletableFuture.supplyAsync(() -> JobExceptionsMessage.newBuilder()
                .setRootException(failureCause == null ? "" : SerializedThrowables.stackTraceOf(failureCause))
                .setTimestamp(lastFailureTime)
                .addAllHistory(failureHistory)
                .build(), getMainThreadExecutor());
    }

    public CompletableFuture<JobStatus> requestStatus() {
        return CompletableFuture.supplyAsync(() -> status, getMainThreadExecutor());
    }

    /** Cancels all tasks; the job ends CANCELED once they have stopped. */
    public CompletableFuture<Void> cancel() {
        return CompletableFuture.runAsync(() -> {
            if (status.isGloballyTerminal() || status == JobStatus.CANCELLING) {
                return;
            }
            status = JobStatus.CANCELLING;
            cancelRunningExecutions();
            checkTerminal();
        }, getMainThreadExecutor());
    }

    private void requestSlots() {
        int slotsNeeded = jobGraph.getMaximumParallelism();
        resourceManager.requestSlots(RequestSlots.newBuilder().setJobId(jobId).setCount(slotsNeeded)
                        .setTimeoutMs(configuration.slotRequestTimeout().toMillis()).build())
                .whenCompleteAsync((grants, failure) -> {
                    if (status != JobStatus.RUNNING) {
                        // Cancelled while waiting; the slots go back when the job's slots are released.
                        checkTerminal();
                        return;
                    }
                    if (failure != null) {
                        handleJobFailure(new NoResourceAvailableException("Job '" + jobGraph.getName() + "' could not get "
                                + slotsNeeded + " slots: " + rootMessage(failure)));
                        return;
                    }
                    deploy(grants.getSlotsList());
                }, getMainThreadExecutor());
    }

    /** Connects to every TaskManager that granted a slot and is not known yet, then deploys all tasks. */
    private void deploy(List<SlotGrant> slots) {
        Map<String, CompletableFuture<TaskExecutorGateway>> connecting = new LinkedHashMap<>();
        for (SlotGrant slot : slots) {
            if (taskExecutors.containsKey(slot.getResourceId())) {
                continue;
            }
            connecting.computeIfAbsent(slot.getResourceId(), id -> getRpcService()
                    .connect(new InetSocketAddress(slot.getRpcAddress().getHost(), slot.getRpcAddress().getPort()),
                            TaskExecutorGateway.ENDPOINT_ID)
                    .thenApply(TaskExecutorGateway::new));
        }
        CompletableFuture.allOf(connecting.values().toArray(CompletableFuture[]::new)).whenCompleteAsync((ignored, failure) -> {
            if (status != JobStatus.RUNNING) {
                checkTerminal();
                return;
            }
            if (failure != null) {
                handleJobFailure(new TaskManagerLostException("Could not connect to a TaskManager of the job: "
                        + rootMessage(failure)));
                return;
            }
            connecting.forEach((resourceId, gateway) -> watchTaskExecutor(resourceId, gateway.join()));
            submitTasks(slots);
        }, getMainThreadExecutor());
    }

    private void submitTasks(List<SlotGrant> slots) {
        TaskDeploymentFactory deployments = new TaskDeploymentFactory(jobGraph, slots,
                Address.newBuilder().setHost(getRpcService().getAddress().getHostString())
                        .setPort(getRpcService().getAddress().getPort()).build(),
                getEndpointId(), leaderSessionId);
        List<Execution> created = new ArrayList<>();
        for (JobVertex vertex : jobGraph.getVertices()) {
            for (int subtask = 0; subtask < vertex.parallelism(); subtask++) {
                Execution execution = new Execution(UUID.randomUUID().toString(), vertex.id(), vertex.name(), subtask, attempt,
                        slots.get(subtask));
                executions.put(execution.executionId, execution);
                created.add(execution);
            }
        }
        for (Execution execution : created) {
            execution.state = Execution.State.DEPLOYING;
            TaskExecutorGateway gateway = taskExecutors.get(execution.slot.getResourceId());
            gateway.submitTask(deployments.create(execution, execution.attempt)).whenCompleteAsync((ack, failure) -> {
                if (failure != null && !execution.state.isTerminal()) {
                    onExecutionFailed(execution, new IllegalStateException("Could not deploy " + execution + " to "
                            + execution.slot.getResourceId() + ": " + rootMessage(failure), failure));
                    checkTerminal();
                }
            }, getMainThreadExecutor());
        }
    }

    private void watchTaskExecutor(String resourceId, TaskExecutorGateway gateway) {
        taskExecutors.put(resourceId, gateway);
        taskManagerHeartbeats.monitorTarget(resourceId, () -> gateway.heartbeatFromJobManager(jobId));
        gateway.rpc().addDisconnectListener(() -> runAsync(() -> taskManagerLost(resourceId, "the connection to it was lost")));
    }

    // ---- incoming calls ----

    @Override
    protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
        if (!JobMasterGateway.UPDATE_TASK_STATE.equals(method)) {
            throw unknownMethod(method);
        }
        TaskStateUpdate update = TaskStateUpdate.parseFrom(payload);
        Execution execution = executions.get(update.getExecutionId());
        if (execution != null && !execution.state.isTerminal()) {
            switch (update.getState()) {
                case RUNNING -> execution.state = Execution.State.RUNNING;
                case FINISHED -> {
                    execution.state = Execution.State.FINISHED;
                    update.getCountersMap().forEach((name, value) -> accumulators.merge(name, value, Long::sum));
                }
                case CANCELED -> execution.state = Execution.State.CANCELED;
                case FAILED -> onExecutionFailed(execution,
                        SerializedThrowables.fromProto(update.getFailure(), Thread.currentThread().getContextClassLoader()));
                default -> { }
            }
            checkTerminal();
        }
        return CompletableFuture.completedFuture(Empty.getDefaultInstance());
    }

    // ---- heartbeats ----

    @Override
    public void reportPayload(String targetId, Empty payload) {}

    @Override
    public void notifyHeartbeatTimeout(String targetId) {
        taskManagerLost(targetId, "no heartbeat within " + configuration.heartbeatTimeout().toMillis() + " ms");
    }

    private void taskManagerLost(String resourceId, String reason) {
        if (taskExecutors.remove(resourceId) == null) {
            return;
        }
        taskManagerHeartbeats.unmonitorTarget(resourceId);
        for (Execution execution : executions.values()) {
            if (!execution.state.isTerminal() && execution.slot.getResourceId().equals(resourceId)) {
                onExecutionFailed(execution, new TaskManagerLostException("TaskManager " + resourceId + " at "
                        + execution.slot.getRpcAddress().getHost() + ":" + execution.slot.getRpcAddress().getPort()
                        + " was lost: " + reason));
            }
        }
        checkTerminal();
    }

    // ---- state transitions ----

    private void onExecutionFailed(Execution execution, Throwable cause) {
        execution.state = Execution.State.FAILED;
        if (status == JobStatus.RUNNING) {
            LOG.info("Job {} ({}): {} failed", jobGraph.getName(), jobId, execution, cause);
            handleJobFailure(cause);
        }
    }

    /** A failure of the running job: restart it if the restart strategy allows, else fail it. */
    private void handleJobFailure(Throwable cause) {
        failureCause = cause;
        lastFailureTime = System.currentTimeMillis();
        failureHistory.add(SerializedThrowables.stackTraceOf(cause));
        restartStrategy.notifyFailure();
        if (restartStrategy.canRestart()) {
            LOG.info("Job {} ({}) restarts in {} ms; restart strategy {}", jobGraph.getName(), jobId,
                    restartStrategy.getBackoffMillis(), restartStrategy.describe());
            status = JobStatus.RESTARTING;
        } else {
            LOG.info("Job {} ({}) fails; restart strategy {}", jobGraph.getName(), jobId, restartStrategy.describe());
            status = JobStatus.FAILING;
        }
        cancelRunningExecutions();
        checkTerminal();
    }

    /** All tasks of the failed attempt have stopped: after the backoff, run the job again from the start. */
    private void scheduleRestart() {
        if (restartScheduled) {
            return;
        }
        restartScheduled = true;
        scheduleRunAsync(() -> {
            restartScheduled = false;
            if (status != JobStatus.RESTARTING) {
                return;
            }
            executions.clear();
            attempt++;
            status = JobStatus.RUNNING;
            // Release first so the ResourceManager hands out the surviving and replacement slots afresh.
            resourceManager.releaseSlots(jobId).whenCompleteAsync((ack, failure) -> {
                if (status == JobStatus.RUNNING && executions.isEmpty()) {
                    requestSlots();
                }
            }, getMainThreadExecutor());
        }, java.time.Duration.ofMillis(restartStrategy.getBackoffMillis()));
    }

    private void cancelRunningExecutions() {
        for (Execution execution : executions.values()) {
            if (execution.state == Execution.State.CREATED) {
                execution.state = Execution.State.CANCELED;
            } else if (!execution.state.isTerminal()) {
                TaskExecutorGateway gateway = taskExecutors.get(execution.slot.getResourceId());
                if (gateway == null) {
                    execution.state = Execution.State.CANCELED;
                } else {
                    gateway.cancelTask(execution.executionId);
                }
            }
        }
    }

    private void checkTerminal() {
        if (status.isGloballyTerminal()) {
            return;
        }
        boolean allTerminal = true;
        boolean allFinished = !executions.isEmpty();
        for (Execution execution : executions.values()) {
            allTerminal &= execution.state.isTerminal();
            allFinished &= execution.state == Execution.State.FINISHED;
        }
        if (status == JobStatus.RUNNING && allFinished) {
            finishJob(JobStatus.FINISHED);
        } else if (allTerminal && status == JobStatus.RESTARTING) {
            scheduleRestart();
        } else if (allTerminal && status == JobStatus.FAILING) {
            finishJob(JobStatus.FAILED);
        } else if (allTerminal && status == JobStatus.CANCELLING) {
            finishJob(JobStatus.CANCELED);
        }
    }

    private void finishJob(JobStatus finalStatus) {
        status = finalStatus;
        endTime = System.currentTimeMillis();
        LOG.info("Job {} ({}) switched to {} after {} ms", jobGraph.getName(), jobId, finalStatus, endTime - startTime);
        taskManagerHeartbeats.close();
        JobResultMessage.Builder message = JobResultMessage.newBuilder()
                .setJobId(jobId)
                .setName(jobGraph.getName())
                .setStatus(finalStatus.name())
                .setStartTime(startTime)
                .setEndTime(endTime)
                .putAllAccumulators(accumulators);
        // A job that restarted and then finished keeps its restart causes in the exceptions history only.
        if (failureCause != null && finalStatus != JobStatus.FINISHED) {
            message.setFailure(SerializedThrowables.toProto(failureCause));
        }
        // The result is published once the slots are free again, so whoever waits for it (a test, a
        // local executor shutting its cluster down) finds the cluster as the job left it.
        resourceManager.releaseSlots(jobId).whenComplete((ack, failure) -> {
            if (failure != null) {
                LOG.warn("Could not release the slots of job {}: {}", jobId, failure.toString());
            }
            result.complete(message.build());
        });
    }

    private JobDetailsMessage details() {
        Map<String, Execution> byVertexAndSubtask = new HashMap<>();
        for (Execution execution : executions.values()) {
            byVertexAndSubtask.put(execution.vertexId + "/" + execution.subtaskIndex, execution);
        }
        JobDetailsMessage.Builder details = JobDetailsMessage.newBuilder().setSummary(summary());
        for (JobVertex vertex : jobGraph.getVertices()) {
            VertexInfo.Builder info = VertexInfo.newBuilder().setId(vertex.id()).setName(vertex.name())
                    .setParallelism(vertex.parallelism()).setMaxParallelism(vertex.maxParallelism());
            List<String> states = new ArrayList<>();
            for (int subtask = 0; subtask < vertex.parallelism(); subtask++) {
                Execution execution = byVertexAndSubtask.get(vertex.id() + "/" + subtask);
                SubtaskInfo.Builder subtaskInfo = SubtaskInfo.newBuilder().setSubtask(subtask).setAttempt(attempt);
                if (execution == null) {
                    subtaskInfo.setStatus(Execution.State.CREATED.name());
                } else {
                    subtaskInfo.setStatus(execution.state.name())
                            .setTaskManagerId(execution.slot.getResourceId())
                            .setHost(execution.slot.getRpcAddress().getHost());
                }
                states.add(subtaskInfo.getStatus());
                info.addSubtasks(subtaskInfo);
            }
            details.addVertices(info.setStatus(vertexStatus(states)));
        }
        return details.build();
    }

    /** A vertex is as far as its least advanced subtask, but any failure shows. */
    private static String vertexStatus(List<String> subtaskStates) {
        if (subtaskStates.contains(Execution.State.FAILED.name())) {
            return Execution.State.FAILED.name();
        }
        for (Execution.State state : Execution.State.values()) {
            if (subtaskStates.contains(state.name())) {
                return state.name();
            }
        }
        return Execution.State.CREATED.name();
    }

    private JobSummary summary() {
        int running = 0;
        int finished = 0;
        for (Execution execution : executions.values()) {
            running += execution.state == Execution.State.RUNNING ? 1 : 0;
            finished += execution.state == Execution.State.FINISHED ? 1 : 0;
        }
        int total = 0;
        for (JobVertex vertex : jobGraph.getVertices()) {
            total += vertex.parallelism();
        }
        return JobSummary.newBuilder().setJobId(jobId).setName(jobGraph.getName()).setStatus(status.name())
                .setStartTime(startTime).setEndTime(endTime).setTasksTotal(total).setTasksRunning(running)
                .setTasksFinished(finished).build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
