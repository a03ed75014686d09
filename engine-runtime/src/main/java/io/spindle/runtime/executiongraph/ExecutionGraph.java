package io.spindle.runtime.executiongraph;

import io.spindle.api.JobStatus;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobPlanJson;
import io.spindle.graph.JobVertex;
import io.spindle.runtime.checkpoint.CheckpointTaskGateway;
import io.spindle.runtime.messages.ExceptionEntry;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.messages.SubtaskInfo;
import io.spindle.runtime.messages.VertexInfo;
import io.spindle.util.SerializedThrowables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The state of one job as plain data: its status, the executions of the current attempt, its
 * failures and counters, and the monitoring views built from them. Changed only by the
 * scheduler, on the JobMaster's main thread; it decides nothing.
 */
public final class ExecutionGraph {
    private final JobGraph jobGraph;
    private final String jobId;
    private final LongSupplier clock;
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Map<JobStatus, Long> statusTimestamps = new EnumMap<>(JobStatus.class);
    private final Map<String, Long> accumulators = new HashMap<>();
    /** Newest first. */
    private final List<ExceptionEntry> failureHistory = new ArrayList<>();
    /** Executions of this attempt whose input ended: checkpoints start at them, as at sources. */
    private final java.util.Set<String> inputEnded = new java.util.HashSet<>();
    private final long startTime;

    private JobStatus status = JobStatus.CREATED;
    private int attempt;
    private Throwable failureCause;
    private long lastFailureTime;
    private long endTime = -1;

    public ExecutionGraph(JobGraph jobGraph, LongSupplier clock) {
        this.jobGraph = jobGraph;
        this.jobId = jobGraph.getJobId().toHexString();
        this.clock = clock;
        this.startTime = clock.getAsLong();
        statusTimestamps.put(JobStatus.CREATED, startTime);
    }

    public JobGraph jobGraph() {
        return jobGraph;
    }

    public String jobId() {
        return jobId;
    }

    public JobStatus status() {
        return status;
    }

    public void transitionTo(JobStatus next) {
        status = next;
        statusTimestamps.put(next, clock.getAsLong());
        if (next.isGloballyTerminal()) {
            endTime = clock.getAsLong();
        }
    }

    public int attempt() {
        return attempt;
    }

    public long startTime() {
        return startTime;
    }

    /** When the job became globally terminal, or -1 before. */
    public long endTime() {
        return endTime;
    }

    /** Creates the executions of the current attempt; with slot sharing, subtask i of every vertex goes to slot i. */
    public List<Execution> createExecutions(List<SlotGrant> slots) {
        List<Execution> created = new ArrayList<>();
        long now = clock.getAsLong();
        for (JobVertex vertex : jobGraph.getVertices()) {
            for (int subtask = 0; subtask < vertex.parallelism(); subtask++) {
                Execution execution = new Execution(UUID.randomUUID().toString(), vertex, subtask, attempt, slots.get(subtask), now);
                executions.put(execution.executionId(), execution);
                created.add(execution);
            }
        }
        return created;
    }

    /** Forgets the executions of the ended attempt; the next ones get the next attempt number. */
    public void startNextAttempt() {
        executions.clear();
        inputEnded.clear();
        attempt++;
    }

    public Execution execution(String executionId) {
        return executions.get(executionId);
    }

    public Collection<Execution> executions() {
        return executions.values();
    }

    /** The task's input ended and it waits for a checkpoint that it starts itself. */
    public void markInputEnded(String executionId) {
        if (executions.containsKey(executionId)) {
            inputEnded.add(executionId);
        }
    }

    public boolean hasExecutions() {
        return !executions.isEmpty();
    }

    /** Moves an execution on; false if it is unknown (an older attempt's) or already terminal. */
    public boolean updateExecutionState(String executionId, ExecutionState next) {
        Execution execution = executions.get(executionId);
        return execution != null && execution.transitionTo(next, clock.getAsLong());
    }


    /** Moves an execution of this attempt on; terminal executions stay as they are. */
    public void setState(Execution execution, ExecutionState next) {
        execution.transitionTo(next, clock.getAsLong());
    }

    public boolean allExecutionsFinished() {
        if (executions.isEmpty()) {
            return false;
        }
        for (Execution execution : executions.values()) {
            if (execution.state() != ExecutionState.FINISHED) {
                return false;
            }
        }
        return true;
    }

    public boolean allExecutionsTerminal() {
        for (Execution execution : executions.values()) {
            if (!execution.state().isTerminal()) {
                return false;
            }
        }
        return true;
    }

    public void addAccumulators(Map<String, Long> counters) {
        counters.forEach((name, value) -> accumulators.merge(name, value, Long::sum));
    }

    /** A failure of the job; {@code failedExecution} is the task that failed, or null for a failure of the whole job. */
    public void recordFailure(Throwable cause, Execution failedExecution) {
        failureCause = cause;
        lastFailureTime = clock.getAsLong();
        ExceptionEntry.Builder entry = ExceptionEntry.newBuilder()
                .setExceptionName(cause.getClass().getName())
                .setStacktrace(SerializedThrowables.stackTraceOf(cause))
                .setTimestamp(lastFailureTime);
        if (failedExecution != null) {
            entry.setTaskName(failedExecution.vertex().name() + " (" + (failedExecution.subtaskIndex() + 1) + "/"
                            + failedExecution.vertex().parallelism() + ")")
                    .setTaskManagerId(failedExecution.slot().getResourceId())
                    .setHost(failedExecution.slot().getRpcAddress().getHost());
        }
        failureHistory.add(0, entry.build());
    }

    public Throwable failureCause() {
        return failureCause;
    }

    /**
     * The tasks of the current attempt for a checkpoint, or null while any of them is not yet
     * running (or the job is not running): then no checkpoint can start.
     */
    public List<CheckpointTaskGateway.Task> tasksForCheckpoint() {
        if (status != JobStatus.RUNNING || executions.isEmpty()) {
            return null;
        }
        List<CheckpointTaskGateway.Task> tasks = new ArrayList<>(executions.size());
        java.util.Set<Integer> unfinishedVertices = new java.util.HashSet<>();
        for (Execution execution : executions.values()) {
            ExecutionState state = execution.state();
            if (state != ExecutionState.RUNNING && state != ExecutionState.FINISHED) {
                return null;
            }
            if (state != ExecutionState.FINISHED) {
                unfinishedVertices.add(execution.vertex().id());
            }
        }
        for (Execution execution : executions.values()) {
            // A task whose producers all finished gets no barrier any more: it is triggered itself.
            boolean producersFinished = jobGraph.getInputs(execution.vertex().id()).stream()
                    .noneMatch(edge -> unfinishedVertices.contains(edge.sourceVertexId()));
            tasks.add(new CheckpointTaskGateway.Task(execution.executionId(), execution.vertex().id(),
                    execution.subtaskIndex(), execution.vertex().source() || inputEnded.contains(execution.executionId())
                            || producersFinished,
                    execution.vertex().operatorIds(),
                    execution.state() == ExecutionState.FINISHED));
        }
        return tasks;
    }

    // ---- views ----

    public JobResultMessage result() {
        JobResultMessage.Builder message = JobResultMessage.newBuilder()
                .setJobId(jobId)
                .setName(jobGraph.getName())
                .setStatus(status.name())
                .setStartTime(startTime)
                .setEndTime(endTime)
                .putAllAccumulators(accumulators);
        // A job that restarted and then finished keeps its restart causes in the exceptions history only.
        if (failureCause != null && status != JobStatus.FINISHED) {
            message.setFailure(SerializedThrowables.toProto(failureCause));
        }
        return message.build();
    }

    public JobExceptionsMessage exceptions() {
        return JobExceptionsMessage.newBuilder()
                .setRootException(failureCause == null ? "" : SerializedThrowables.stackTraceOf(failureCause))
                .setTimestamp(lastFailureTime)
                .addAllHistory(failureHistory)
                .build();
    }

    public JobSummary summary() {
        Map<String, Integer> tasksPerState = new HashMap<>();
        long lastModification = Math.max(endTime, 0);
        for (JobStatus reached : statusTimestamps.keySet()) {
            lastModification = Math.max(lastModification, statusTimestamps.get(reached));
        }
        for (Execution execution : executions.values()) {
            tasksPerState.merge(execution.state().name(), 1, Integer::sum);
            lastModification = Math.max(lastModification, execution.timestamp(execution.state()));
        }
        int total = 0;
        for (JobVertex vertex : jobGraph.getVertices()) {
            total += vertex.parallelism();
        }
        // Subtasks not yet created for this attempt count as CREATED, as Flink's do.
        int notCreated = total - executions.size();
        if (notCreated > 0) {
            tasksPerState.merge(ExecutionState.CREATED.name(), notCreated, Integer::sum);
        }
        return JobSummary.newBuilder().setJobId(jobId).setName(jobGraph.getName()).setStatus(status.name())
                .setStartTime(startTime).setEndTime(endTime).setTasksTotal(total).putAllTasksPerState(tasksPerState)
                .setLastModification(lastModification).build();
    }

    /** Vertices with per-subtask state and times, the job's status times, plan, accumulators and configuration. */
    public JobDetailsMessage details() {
        Map<String, Execution> byVertexAndSubtask = new HashMap<>();
        for (Execution execution : executions.values()) {
            byVertexAndSubtask.put(execution.vertex().id() + "/" + execution.subtaskIndex(), execution);
        }
        JobDetailsMessage.Builder details = JobDetailsMessage.newBuilder().setSummary(summary())
                .setPlan(JobPlanJson.of(jobGraph).toString())
                .putAllAccumulators(accumulators)
                .putAllJobConfiguration(jobGraph.getConfiguration().toMap());
        statusTimestamps.forEach((reached, at) -> details.putStatusTimestamps(reached.name(), at));
        for (JobVertex vertex : jobGraph.getVertices()) {
            details.addVertices(vertexInfo(vertex, byVertexAndSubtask));
        }
        return details.build();
    }

    /**
     * A vertex starts when its first subtask is deployed and ends when its last subtask ended, as
     * Flink's job details count them; -1 for a time not reached.
     */
    private VertexInfo vertexInfo(JobVertex vertex, Map<String, Execution> byVertexAndSubtask) {
        VertexInfo.Builder info = VertexInfo.newBuilder().setId(vertex.id()).setName(vertex.name())
                .setParallelism(vertex.parallelism()).setMaxParallelism(vertex.maxParallelism());
        List<String> states = new ArrayList<>();
        Map<String, Integer> tasksPerState = new HashMap<>();
        long start = Long.MAX_VALUE;
        long end = 0;
        boolean allTerminal = true;
        for (int subtask = 0; subtask < vertex.parallelism(); subtask++) {
            Execution execution = byVertexAndSubtask.get(vertex.id() + "/" + subtask);
            SubtaskInfo.Builder subtaskInfo = SubtaskInfo.newBuilder().setSubtask(subtask).setAttempt(attempt);
            if (execution == null) {
                subtaskInfo.setStatus(ExecutionState.CREATED.name());
                allTerminal = false;
            } else {
                ExecutionState state = execution.state();
                subtaskInfo.setStatus(state.name())
                        .setTaskManagerId(execution.slot().getResourceId())
                        .setHost(execution.slot().getRpcAddress().getHost());
                for (ExecutionState reached : ExecutionState.values()) {
                    if (execution.timestamp(reached) > 0) {
                        subtaskInfo.putStateTimestamps(reached.name(), execution.timestamp(reached));
                    }
                }
                long deployed = execution.timestamp(ExecutionState.DEPLOYING);
                if (deployed > 0) {
                    start = Math.min(start, deployed);
                }
                allTerminal &= state.isTerminal();
                if (state.isTerminal()) {
                    end = Math.max(end, execution.timestamp(state));
                }
            }
            states.add(subtaskInfo.getStatus());
            tasksPerState.merge(subtaskInfo.getStatus(), 1, Integer::sum);
            info.addSubtasks(subtaskInfo);
        }
        return info.setStatus(vertexStatus(states)).putAllTasksPerState(tasksPerState)
                .setStartTime(start == Long.MAX_VALUE ? -1 : start)
                .setEndTime(allTerminal && end > 0 ? end : -1)
                .build();
    }

    /** A vertex is as far as its least advanced subtask, but any failure shows. */
    private static String vertexStatus(List<String> subtaskStates) {
        if (subtaskStates.contains(ExecutionState.FAILED.name())) {
            return ExecutionState.FAILED.name();
        }
        for (ExecutionState state : ExecutionState.values()) {
            if (subtaskStates.contains(state.name())) {
                return state.name();
            }
        }
        return ExecutionState.CREATED.name();
    }
}
