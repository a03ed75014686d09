package io.spindle.runtime.checkpoint;

import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * A checkpoint whose tasks were triggered: it collects their acknowledgements until every
 * running task answered, and stays pending while its metadata is being written. It is disposed
 * when it completes or is aborted; whoever still holds it (a timer, the metadata write) then
 * leaves it be.
 */
final class PendingCheckpoint {
    /** Metadata format written by this coordinator. */
    private static final int METADATA_VERSION = 1;

    /** What one task reported of its part: bytes written and how long the phases took. */
    private record SubtaskAck(long stateSize, long syncDurationMillis, long asyncDurationMillis,
            long alignmentDurationMillis) {}

    private final long checkpointId;
    private final long triggerTimestamp;
    private final String location;
    private final boolean savepoint;
    private final List<CheckpointTaskGateway.Task> tasks;
    private final Set<String> notYetAcknowledged = new HashSet<>();
    private final List<OperatorSubtaskState> states = new ArrayList<>();
    private final List<SubtaskAck> acks = new ArrayList<>();
    private final CompletableFuture<CompletedCheckpoint> future;
    private CheckpointScheduler.Cancellable timeout;
    private boolean writingMetadata;
    private boolean disposed;

    /** {@code tasks} are all tasks of the attempt; the finished ones are not waited for. */
    PendingCheckpoint(long checkpointId, long triggerTimestamp, String location, boolean savepoint,
            List<CheckpointTaskGateway.Task> tasks, CompletableFuture<CompletedCheckpoint> future) {
        this.checkpointId = checkpointId;
        this.triggerTimestamp = triggerTimestamp;
        this.location = location;
        this.savepoint = savepoint;
        this.tasks = List.copyOf(tasks);
        this.future = future;
        for (CheckpointTaskGateway.Task task : tasks) {
            if (!task.finished()) {
                notYetAcknowledged.add(task.executionId());
            }
        }
    }

    long checkpointId() {
        return checkpointId;
    }

    long triggerTimestamp() {
        return triggerTimestamp;
    }

    String location() {
        return location;
    }

    boolean isSavepoint() {
        return savepoint;
    }

    CompletableFuture<CompletedCheckpoint> future() {
        return future;
    }

    /** The tasks that take part: triggered (the sources) or reached by barriers, and notified. */
    List<CheckpointTaskGateway.Task> runningTasks() {
        return tasks.stream().filter(task -> !task.finished()).toList();
    }


    /** Whether the checkpoint still waits for {@code executionId}'s acknowledgement. */
    boolean awaits(String executionId) {
        return notYetAcknowledged.contains(executionId);
    }

    /** Whether {@code executionId} is one of the running tasks of this checkpoint. */
    boolean involves(String executionId) {
        return tasks.stream().anyMatch(task -> !task.finished() && task.executionId().equals(executionId));
    }

    /**
     * Takes the finished tasks' state from {@code latest}, as they write none any more, without
     * in-flight data: what their outputs held then has been consumed since.
     */
    void carryOverFinishedTasks(CompletedCheckpoint latest) {
        for (CheckpointTaskGateway.Task task : tasks) {
            if (task.finished()) {
                for (OperatorSubtaskState state : latest.stateOf(task.operatorIds(), task.subtaskIndex()).getOperatorsList()) {
                    states.add(state.toBuilder().clearChannelState().build());
                }
            }
        }
    }

    /** Takes a task's state; false when the task is not awaited (unknown, or answered already). */
    boolean acknowledge(AcknowledgeCheckpoint ack) {
        if (!notYetAcknowledged.remove(ack.getExecutionId())) {
            return false;
        }
        states.addAll(ack.getState().getOperatorsList());
        acks.add(new SubtaskAck(ack.getStateSize(), ack.getSyncDurationMs(), ack.getAsyncDurationMs(),
                ack.getAlignmentDurationMs()));
        return true;
    }

    boolean isFullyAcknowledged() {
        return notYetAcknowledged.isEmpty();
    }

    int numberOfTasksToAcknowledge() {
        return acks.size() + notYetAcknowledged.size();
    }

    int numberOfAcknowledgedTasks() {
        return acks.size();
    }

    /** The longest synchronous, asynchronous and alignment durations among the tasks, for the log. */
    String describeTaskDurations() {
        return "longest sync/async/alignment " + longest(SubtaskAck::syncDurationMillis) + "/"
                + longest(SubtaskAck::asyncDurationMillis) + "/" + longest(SubtaskAck::alignmentDurationMillis) + " ms";
    }

    private long longest(ToLongFunction<SubtaskAck> duration) {
        return acks.stream().mapToLong(duration).max().orElse(0);
    }

    /** Bytes the tasks reported so far. */
    long acknowledgedStateSize() {
        return acks.stream().mapToLong(SubtaskAck::stateSize).sum();
    }

    /** Every state collected so far, acknowledged or carried over. */
    List<OperatorSubtaskState> states() {
        return states;
    }

    /**
     * The metadata of this checkpoint: an operator state for every operator of the tasks, in
     * vertex order, its subtasks by index. Throws IllegalStateException for state of an operator
     * no task runs or that {@code operators} does not describe.
     */
    CheckpointMetadata toMetadata(String jobId, Map<String, OperatorInfo> operators) {
        Map<String, List<OperatorSubtaskState>> byOperator = new LinkedHashMap<>();
        tasks.stream()
                .sorted(Comparator.comparingInt(CheckpointTaskGateway.Task::vertexId))
                .forEach(task -> task.operatorIds().forEach(id -> byOperator.putIfAbsent(id, new ArrayList<>())));
        for (OperatorSubtaskState state : states) {
            List<OperatorSubtaskState> subtasks = byOperator.get(state.getOperatorId());
            if (subtasks == null) {
                throw new IllegalStateException("State of operator " + state.getOperatorId()
                        + ", which no task of checkpoint " + checkpointId + " runs");
            }
            subtasks.add(state);
        }
        CheckpointMetadata.Builder metadata = CheckpointMetadata.newBuilder().setVersion(METADATA_VERSION)
                .setJobId(jobId).setCheckpointId(checkpointId).setTimestamp(triggerTimestamp).setSavepoint(savepoint);
        byOperator.forEach((operatorId, subtasks) -> {
            OperatorInfo info = operators.get(operatorId);
            if (info == null) {
                throw new IllegalStateException("Operator " + operatorId + " is not known to the coordinator");
            }
            subtasks.sort(Comparator.comparingInt(OperatorSubtaskState::getSubtaskIndex));
            metadata.addOperators(OperatorState.newBuilder().setOperatorId(operatorId).setOperatorName(info.name())
                    .setParallelism(info.parallelism()).setMaxParallelism(info.maxParallelism())
                    .addAllSubtasks(subtasks));
        });
        return metadata.build();
    }

    void setTimeout(CheckpointScheduler.Cancellable timeout) {
        this.timeout = timeout;
    }

    /** All tasks acknowledged; the metadata is being written. */
    void startWritingMetadata() {
        writingMetadata = true;
    }

    /** The metadata write succeeded or failed: the directory can be deleted again should the checkpoint end. */
    void metadataWriteReturned() {
        writingMetadata = false;
    }

    /** Whether a metadata write is in flight; the directory must not be deleted under it. */
    boolean isWritingMetadata() {
        return writingMetadata;
    }

    /** Takes the checkpoint out of play: its timer is cancelled, late events are ignored. */
    void dispose() {
        disposed = true;
        if (timeout != null) {
            timeout.cancel();
        }
    }

    boolean isDisposed() {
        return disposed;
    }

    /** "checkpoint 7" or "savepoint 7", for messages. */
    @Override
    public String toString() {
        return (savepoint ? "savepoint " : "checkpoint ") + checkpointId;
    }
}
