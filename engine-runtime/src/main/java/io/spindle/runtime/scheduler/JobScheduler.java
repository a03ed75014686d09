package io.spindle.runtime.scheduler;

import io.spindle.api.JobStatus;
import io.spindle.graph.JobGraph;
import io.spindle.runtime.checkpoint.StateAssignment;
import io.spindle.runtime.executiongraph.Execution;
import io.spindle.runtime.executiongraph.ExecutionGraph;
import io.spindle.runtime.executiongraph.ExecutionState;
import io.spindle.runtime.jobmaster.NoResourceAvailableException;
import io.spindle.runtime.jobmaster.TaskManagerLostException;
import io.spindle.runtime.jobmaster.restart.RestartStrategy;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.messages.TaskDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job over its execution graph: asks for slots (one per subtask index, with slot
 * sharing), deploys every task at once, from the latest completed checkpoint when there is one,
 * follows the tasks' states, and on a failure restarts the job as its restart strategy allows or
 * fails it. Ends the job FINISHED when every task finished, FAILED with the first failure as
 * cause, or CANCELED. Runs on the JobMaster's main thread only; everything it calls sits behind
 * an interface, so it is unit-tested without RPC.
 */
public final class JobScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    private final ExecutionGraph graph;
    private final SlotProvider slots;
    private final TaskManagerRegistry taskManagers;
    private final Function<List<SlotGrant>, TaskDeploymentFactory> deployments;
    private final RestartStrategy restartStrategy;
    private final CheckpointControl checkpoints;
    private final MainThreadScheduler mainThread;
    private final Duration slotRequestTimeout;
    private final CompletableFuture<JobResultMessage> result = new CompletableFuture<>();
    private boolean restartScheduled;
    private boolean allRunningReported;

    /**
     * @param deployments makes the deployment messages of an attempt from the slots it got
     */
    public JobScheduler(ExecutionGraph graph, SlotProvider slots, TaskManagerRegistry taskManagers,
            Function<List<SlotGrant>, TaskDeploymentFactory> deployments, RestartStrategy restartStrategy,
            CheckpointControl checkpoints, MainThreadScheduler mainThread, Duration slotRequestTimeout) {
        this.graph = graph;
        this.slots = slots;
        this.taskManagers = taskManagers;
        this.deployments = deployments;
        this.restartStrategy = restartStrategy;
        this.checkpoints = checkpoints;
        this.mainThread = mainThread;
        this.slotRequestTimeout = slotRequestTimeout;
    }

    /** Completes once, when the job is globally terminal and its slots are released. */
    public CompletableFuture<JobResultMessage> resultFuture() {
        return result;
    }

    public void start() {
        graph.transitionTo(JobStatus.RUNNING);
        requestSlots();
    }

    /** Cancels all tasks; the job ends CANCELED once they have stopped. */
    public void cancel() {
        JobStatus status = graph.status();
        if (status.isGloballyTerminal() || status == JobStatus.CANCELLING) {
            return;
        }
        checkpoints.onAttemptEnding();
        graph.transitionTo(JobStatus.CANCELLING);
        cancelRunningExecutions();
        checkTerminal();
    }

    /** The JobMaster stops before the job ended: tasks are cancelled, nothing restarts. */
    public void stop() {
        checkpoints.onAttemptEnding();
        if (!graph.status().isGloballyTerminal()) {
            cancelRunningExecutions();
        }
    }

    /** A failure of the whole job, such as too many failed checkpoints: restart or fail as for a task. */
    public void failGlobally(Throwable cause) {
        if (graph.status() == JobStatus.RUNNING) {
            handleJobFailure(cause, null);
        }
    }

    private void requestSlots() {
        JobGraph jobGraph = graph.jobGraph();
        int slotsNeeded = jobGraph.getMaximumParallelism();
        slots.requestSlots(slotsNeeded, slotRequestTimeout).whenCompleteAsync((grants, failure) -> {
            if (graph.status() != JobStatus.RUNNING) {
                // Cancelled while waiting; the slots go back when the job's slots are released.
                checkTerminal();
                return;
            }
            if (failure != null) {
                handleJobFailure(new NoResourceAvailableException("Job '" + jobGraph.getName() + "' could not get "
                        + slotsNeeded + " slots: " + rootMessage(failure)), null);
                return;
            }
            connectAndDeploy(grants);
        }, mainThread);
    }

    private void connectAndDeploy(List<SlotGrant> grants) {
        taskManagers.connect(grants).whenCompleteAsync((ignored, failure) -> {
            if (graph.status() != JobStatus.RUNNING) {
                checkTerminal();
                return;
            }
            if (failure != null) {
                handleJobFailure(new TaskManagerLostException("Could not connect to a TaskManager of the job: "
                        + rootMessage(failure)), null);
                return;
            }
            deploy(grants);
        }, mainThread);
    }

    private void deploy(List<SlotGrant> grants) {
        StateAssignment restore;
        try {
            restore = checkpoints.stateToRestore();
        } catch (Exception e) {
            handleJobFailure(new IllegalStateException("Could not find the checkpoint to restore job "
                    + graph.jobId() + " from: " + rootMessage(e), e), null);
            return;
        }
        if (restore != null) {
            LOG.info("Job {} ({}) restores from checkpoint {}", graph.jobGraph().getName(), graph.jobId(),
                    restore.checkpointId());
        }
        TaskDeploymentFactory factory = deployments.apply(grants);
        allRunningReported = false;
        for (Execution execution : graph.createExecutions(grants)) {
            graph.setState(execution, ExecutionState.DEPLOYING);
            if (execution.state() != ExecutionState.DEPLOYING) {
                // A failure earlier in this loop (a TaskManager already gone) cancelled it: deploy nothing more.
                continue;
            }
            TaskDeployment deployment = factory.create(execution, restore);
            TaskManagerGateway gateway = taskManagers.get(execution.slot().getResourceId());
            if (gateway == null) {
                onExecutionFailed(execution, new TaskManagerLostException("TaskManager "
                        + execution.slot().getResourceId() + " was lost before " + execution + " could be deployed"));
                continue;
            }
            gateway.submitTask(deployment).whenCompleteAsync((ack, failure) -> {
                if (failure != null && !execution.state().isTerminal()) {
                    onExecutionFailed(execution, new IllegalStateException("Could not deploy " + execution + " to "
                            + execution.slot().getResourceId() + ": " + rootMessage(failure), failure));
                    checkTerminal();
                }
            }, mainThread);
        }
        checkTerminal();
    }

    // ---- what tasks and TaskManagers report ----

    /** A task of any attempt reports a new state; older attempts' reports are ignored. */
    public void onTaskState(String executionId, ExecutionState state, java.util.Map<String, Long> counters,
            Throwable failure) {
        Execution execution = graph.execution(executionId);
        if (execution == null || execution.state().isTerminal()) {
            return;
        }
        switch (state) {
            case RUNNING -> {
                graph.setState(execution, ExecutionState.RUNNING);
                reportIfAllRunning();
            }
            case FINISHED -> {
                graph.setState(execution, ExecutionState.FINISHED);
                checkpoints.onTaskFinished(executionId);
                graph.addAccumulators(counters);
            }
            case CANCELED -> graph.setState(execution, ExecutionState.CANCELED);
            case FAILED -> onExecutionFailed(execution, failure);
            default -> { }
        }
        checkTerminal();
    }

    public void onTaskManagerLost(String resourceId, String reason) {
        for (Execution execution : new ArrayList<>(graph.executions())) {
            if (!execution.state().isTerminal() && execution.slot().getResourceId().equals(resourceId)) {
                onExecutionFailed(execution, new TaskManagerLostException("TaskManager " + resourceId + " at "
                        + execution.slot().getRpcAddress().getHost() + ":" + execution.slot().getRpcAddress().getPort()
                        + " was lost: " + reason));
            }
        }
        checkTerminal();
    }

    private void reportIfAllRunning() {
        if (allRunningReported || graph.status() != JobStatus.RUNNING) {
            return;
        }
        for (Execution execution : graph.executions()) {
            if (execution.state() != ExecutionState.RUNNING && execution.state() != ExecutionState.FINISHED) {
                return;
            }
        }
        allRunningReported = true;
        checkpoints.onAllTasksRunning();
    }

    // ---- state transitions ----

    private void onExecutionFailed(Execution execution, Throwable cause) {
        graph.setState(execution, ExecutionState.FAILED);
        if (graph.status() == JobStatus.RUNNING) {
            LOG.info("Job {} ({}): {} failed", graph.jobGraph().getName(), graph.jobId(), execution, cause);
            handleJobFailure(cause, execution);
        }
    }

    /** A failure of the running job: restart it if the restart strategy allows, else fail it. */
    private void handleJobFailure(Throwable cause, Execution failedExecution) {
        graph.recordFailure(cause, failedExecution);
        checkpoints.onAttemptEnding();
        restartStrategy.notifyFailure();
        if (restartStrategy.canRestart()) {
            LOG.info("Job {} ({}) restarts in {} ms after {}; restart strategy {}", graph.jobGraph().getName(),
                    graph.jobId(), restartStrategy.getBackoffMillis(), cause, restartStrategy.describe());
            graph.transitionTo(JobStatus.RESTARTING);
        } else {
            LOG.info("Job {} ({}) fails after {}; restart strategy {}", graph.jobGraph().getName(), graph.jobId(),
                    cause, restartStrategy.describe());
            graph.transitionTo(JobStatus.FAILING);
        }
        cancelRunningExecutions();
        checkTerminal();
    }

    /** All tasks of the failed attempt have stopped: after the backoff, run the job again. */
    private void scheduleRestart() {
        if (restartScheduled) {
            return;
        }
        restartScheduled = true;
        mainThread.schedule(() -> {
            restartScheduled = false;
            if (graph.status() != JobStatus.RESTARTING) {
                return;
            }
            graph.startNextAttempt();
            graph.transitionTo(JobStatus.RUNNING);
            // Release first so the ResourceManager hands out the surviving and replacement slots afresh.
            slots.releaseSlots().whenCompleteAsync((ack, failure) -> {
                if (graph.status() == JobStatus.RUNNING && !graph.hasExecutions()) {
                    requestSlots();
                }
            }, mainThread);
        }, Duration.ofMillis(restartStrategy.getBackoffMillis()));
    }

    private void cancelRunningExecutions() {
        for (Execution execution : graph.executions()) {
            if (execution.state() == ExecutionState.CREATED) {
                graph.setState(execution, ExecutionState.CANCELED);
            } else if (!execution.state().isTerminal()) {
                TaskManagerGateway gateway = taskManagers.get(execution.slot().getResourceId());
                if (gateway == null) {
                    graph.setState(execution, ExecutionState.CANCELED);
                } else {
                    gateway.cancelTask(execution.executionId());
                }
            }
        }
    }

    private void checkTerminal() {
        JobStatus status = graph.status();
        if (status.isGloballyTerminal()) {
            return;
        }
        boolean allTerminal = graph.allExecutionsTerminal();
        if (status == JobStatus.RUNNING && graph.allExecutionsFinished()) {
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
        graph.transitionTo(finalStatus);
        LOG.info("Job {} ({}) switched to {} after {} ms", graph.jobGraph().getName(), graph.jobId(), finalStatus,
                graph.endTime() - graph.startTime());
        checkpoints.onJobTerminal(finalStatus);
        JobResultMessage message = graph.result();
        // The result is published once the slots are free again, so whoever waits for it (a test, a
        // local executor shutting its cluster down) finds the cluster as the job left it.
        slots.releaseSlots().whenComplete((ack, failure) -> {
            if (failure != null) {
                LOG.warn("Could not release the slots of job {}: {}", graph.jobId(), failure.toString());
            }
            result.complete(message);
        });
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
