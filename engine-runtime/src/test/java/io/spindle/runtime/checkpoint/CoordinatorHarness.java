package io.spindle.runtime.checkpoint;

import com.google.protobuf.ByteString;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.DeclineCheckpoint;
import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A coordinator over fakes, for a job of two source subtasks (operator "src") feeding one task
 * that chains "map" and "sink". Time is manual, the main thread and (unless held) the I/O
 * executor run tasks at once.
 */
final class CoordinatorHarness {
    static final String JOB_ID = "job-1";
    static final long START = 1_000_000;
    static final Map<String, OperatorInfo> OPERATORS = Map.of(
            "src", new OperatorInfo("src", "Source: numbers", 2, 128),
            "map", new OperatorInfo("map", "Map", 1, 128),
            "sink", new OperatorInfo("sink", "Sink: print", 1, 128));

    final ManualTime time = new ManualTime(START);
    final FakeTaskGateway gateway = new FakeTaskGateway();
    final FakeCheckpointStorage storage = new FakeCheckpointStorage();
    final StandaloneCheckpointIdCounter ids = new StandaloneCheckpointIdCounter();
    final StandaloneCompletedCheckpointStore store;
    final QueuedExecutor io = new QueuedExecutor();
    final List<Throwable> jobFailures = new ArrayList<>();
    /** What the JobMaster does when the coordinator fails the job, after it is recorded. */
    Consumer<Throwable> onJobFailure = failure -> {};
    final CheckpointCoordinator coordinator;

    /** Settings of the coordinator under test; defaults as Flink's, without periodic checkpoints. */
    static final class Settings {
        Duration interval;
        Duration timeout = Duration.ofMinutes(10);
        Duration minPause = Duration.ZERO;
        int maxConcurrent = 1;
        int tolerableFailures;
        int numRetained = 1;
        CheckpointingOptions.ExternalizedRetention retention =
                CheckpointingOptions.ExternalizedRetention.DELETE_ON_CANCELLATION;

        CheckpointCoordinatorConfiguration build() {
            return new CheckpointCoordinatorConfiguration(interval, timeout, minPause, maxConcurrent,
                    tolerableFailures, numRetained, retention);
        }
    }

    CoordinatorHarness() {
        this(new Settings());
    }

    CoordinatorHarness(Settings settings) {
        CheckpointCoordinatorConfiguration config = settings.build();
        store = new StandaloneCompletedCheckpointStore(config.numRetained());
        coordinator = new CheckpointCoordinator(JOB_ID, OPERATORS, config, gateway, storage, ids, store, time::now,
                time, io, Runnable::run, failure -> {
                    jobFailures.add(failure);
                    onJobFailure.accept(failure);
                });
        gateway.tasks = tasks(false);
    }

    /** The job's tasks; with {@code src1Finished} the second source subtask has finished. */
    static List<CheckpointTaskGateway.Task> tasks(boolean src1Finished) {
        return List.of(
                new CheckpointTaskGateway.Task("src-0", 0, 0, true, List.of("src"), false),
                new CheckpointTaskGateway.Task("src-1", 0, 1, true, List.of("src"), src1Finished),
                new CheckpointTaskGateway.Task("sink-0", 1, 0, false, List.of("map", "sink"), false));
    }

    CompletableFuture<CompletedCheckpoint> trigger() {
        return coordinator.triggerCheckpoint(false, null);
    }

    /** Triggers a checkpoint and has every running task acknowledge it with its usual state. */
    CompletedCheckpoint completeCheckpoint() {
        CompletableFuture<CompletedCheckpoint> future = trigger();
        long id = gateway.triggers.get(gateway.triggers.size() - 1).checkpointId();
        acknowledgeAll(id);
        return future.join();
    }

    /** Every running task acknowledges {@code checkpointId} with the state {@link #stateOf} gives it. */
    void acknowledgeAll(long checkpointId) {
        for (CheckpointTaskGateway.Task task : gateway.tasks) {
            if (!task.finished()) {
                coordinator.receiveAcknowledge(ack(task.executionId(), checkpointId, stateOf(task.executionId(),
                        checkpointId)));
            }
        }
    }

    /**
     * The usual state: a source subtask keeps its offset (8 bytes, inline), the sink task keyed
     * state in a file of the checkpoint's directory (100 bytes) and "map" has none.
     */
    static OperatorSubtaskState[] stateOf(String executionId, long checkpointId) {
        return switch (executionId) {
            case "src-0" -> new OperatorSubtaskState[] {list("src", 0, new byte[8])};
            case "src-1" -> new OperatorSubtaskState[] {keyed("src", 1,
                    FakeCheckpointStorage.location(checkpointId, false) + "/src-1-keyed", 50)};
            case "sink-0" -> new OperatorSubtaskState[] {keyed("sink", 0,
                    FakeCheckpointStorage.location(checkpointId, false) + "/sink-0-keyed", 100)};
            default -> throw new IllegalArgumentException(executionId);
        };
    }

    /** The exception {@code future} failed with. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.getNow(null);
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("not failed: " + future);
    }

    /** The reason of the {@link CheckpointException} {@code future} failed with. */
    static CheckpointFailureReason failureReason(CompletableFuture<?> future) {
        return ((CheckpointException) failure(future)).getReason();
    }

    static AcknowledgeCheckpoint ack(String executionId, long checkpointId, OperatorSubtaskState... states) {
        long size = 0;
        for (OperatorSubtaskState state : states) {
            size += state.getKeyedStateList().stream().mapToLong(KeyGroupsStateHandle::getSize).sum();
            size += state.getOperatorStateList().stream()
                    .flatMap(entries -> entries.getElementsList().stream()).mapToLong(ByteString::size).sum();
        }
        return AcknowledgeCheckpoint.newBuilder().setExecutionId(executionId).setCheckpointId(checkpointId)
                .setState(TaskStateSnapshot.newBuilder().addAllOperators(List.of(states))).setStateSize(size)
                .setSyncDurationMs(2).setAsyncDurationMs(30).setAlignmentDurationMs(1).build();
    }

    static DeclineCheckpoint decline(String executionId, long checkpointId, String reason) {
        return DeclineCheckpoint.newBuilder().setExecutionId(executionId).setCheckpointId(checkpointId)
                .setReason(reason).build();
    }

    static OperatorSubtaskState keyed(String operatorId, int subtask, String path, long size) {
        return OperatorSubtaskState.newBuilder().setOperatorId(operatorId).setSubtaskIndex(subtask)
                .addKeyedState(KeyGroupsStateHandle.newBuilder().setPath(path).setFirstKeyGroup(0)
                        .addOffsets(0).setSize(size))
                .build();
    }

    static OperatorSubtaskState list(String operatorId, int subtask, byte[]... elements) {
        ListStateEntries.Builder entries = ListStateEntries.newBuilder().setName("offsets");
        for (byte[] element : elements) {
            entries.addElements(ByteString.copyFrom(element));
        }
        return OperatorSubtaskState.newBuilder().setOperatorId(operatorId).setSubtaskIndex(subtask)
                .addOperatorState(entries).build();
    }
}
