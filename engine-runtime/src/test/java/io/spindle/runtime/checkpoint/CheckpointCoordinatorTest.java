package io.spindle.runtime.checkpoint;

import static io.spindle.runtime.checkpoint.CoordinatorHarness.START;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.ack;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.decline;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.failure;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.failureReason;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.keyed;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.stateOf;
import static io.spindle.runtime.checkpoint.FakeCheckpointStorage.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Triggering, acknowledging, declining and expiring single checkpoints and savepoints. */
class CheckpointCoordinatorTest {
    private static final String CHK_1 = location(1, false);
    private static final String CHK_2 = location(2, false);
    private static final String CHK_3 = location(3, false);

    @Test
    void checkpointCompletesWhenEveryRunningTaskAcknowledged() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletableFuture<CompletedCheckpoint> future = h.trigger();

        assertThat(h.gateway.triggers).containsExactly(
                new FakeTaskGateway.Trigger("src-0", 1, START, CHK_1, SnapshotType.CHECKPOINT),
                new FakeTaskGateway.Trigger("src-1", 1, START, CHK_1, SnapshotType.CHECKPOINT));
        assertThat(h.storage.initialized).containsExactly(CHK_1);
        assertThat(h.coordinator.getNumberOfPendingCheckpoints()).isEqualTo(1);

        h.time.advance(Duration.ofMillis(40));
        h.coordinator.receiveAcknowledge(ack("sink-0", 1, stateOf("sink-0", 1)));
        h.coordinator.receiveAcknowledge(ack("src-1", 1, stateOf("src-1", 1)));
        assertThat(future).isNotDone();
        assertThat(h.storage.metadata).isEmpty();
        assertThat(h.coordinator.getStats().getHistory()).containsExactly(new CheckpointStats(1,
                CheckpointStats.Status.IN_PROGRESS, false, START, START + 40, 150, 40, 3, 2, null, null, -1));

        h.time.advance(Duration.ofMillis(10));
        h.coordinator.receiveAcknowledge(ack("src-0", 1, stateOf("src-0", 1)));

        CheckpointMetadata expected = CheckpointMetadata.newBuilder().setVersion(1).setJobId("job-1")
                .setCheckpointId(1).setTimestamp(START).setSavepoint(false)
                .addOperators(OperatorState.newBuilder().setOperatorId("src").setOperatorName("Source: numbers")
                        .setParallelism(2).setMaxParallelism(128)
                        .addSubtasks(stateOf("src-0", 1)[0]).addSubtasks(stateOf("src-1", 1)[0]))
                .addOperators(OperatorState.newBuilder().setOperatorId("map").setOperatorName("Map")
                        .setParallelism(1).setMaxParallelism(128))
                .addOperators(OperatorState.newBuilder().setOperatorId("sink").setOperatorName("Sink: print")
                        .setParallelism(1).setMaxParallelism(128).addSubtasks(stateOf("sink-0", 1)[0]))
                .build();
        CompletedCheckpoint completed = future.join();
        assertThat(h.storage.metadata).containsExactly(entry(CHK_1, expected));
        assertThat(completed.metadata()).isEqualTo(expected);
        assertThat(completed.location()).isEqualTo(CHK_1);
        assertThat(completed.completionTimestamp()).isEqualTo(START + 50);
        assertThat(completed.isSavepoint()).isFalse();
        assertThat(h.store.getAllCheckpoints()).containsExactly(completed);
        assertThat(h.gateway.completed).containsExactly("src-0@1", "src-1@1", "sink-0@1");
        assertThat(h.gateway.aborted).isEmpty();
        assertThat(h.storage.discarded).isEmpty();
        assertThat(h.jobFailures).isEmpty();
        assertThat(h.coordinator.getNumberOfPendingCheckpoints()).isZero();
        assertThat(h.time.pendingTimers()).as("the timeout is cancelled").isZero();

        CheckpointStatsTracker stats = h.coordinator.getStats();
        CheckpointStats expectedStats = new CheckpointStats(1, CheckpointStats.Status.COMPLETED, false, START,
                START + 50, 158, 50, 3, 3, CHK_1, null, -1);
        assertThat(stats.getCounts()).isEqualTo(new CheckpointStatsTracker.Counts(1, 0, 1, 0, 0));
        assertThat(stats.getLatestCompleted()).isEqualTo(expectedStats);
        assertThat(stats.getHistory()).containsExactly(expectedStats);
        assertThat(stats.getSummary()).isEqualTo(new CheckpointStatsTracker.Summary(
                new CheckpointStatsTracker.MinMaxAvg(1, 158, 158, 158),
                new CheckpointStatsTracker.MinMaxAvg(1, 50, 50, 50)));
        assertThat(stats.getLatestFailed()).isNull();
        assertThat(stats.getLatestSavepoint()).isNull();
    }

    @Test
    void declineAbortsNotifiesDiscardsAndCounts() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletableFuture<CompletedCheckpoint> future = h.trigger();
        h.coordinator.receiveAcknowledge(ack("src-0", 1, stateOf("src-0", 1)));
        h.time.advance(Duration.ofMillis(5));

        h.coordinator.receiveDecline(decline("sink-0", 1, "java.io.IOException: no space"));

        String reason = "declined by task sink-0: java.io.IOException: no space";
        assertThat(failure(future)).isInstanceOf(CheckpointException.class).hasMessage(reason);
        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.DECLINED);
        assertThat(h.gateway.aborted).containsExactly("src-0@1", "src-1@1", "sink-0@1");
        assertThat(h.gateway.completed).isEmpty();
        assertThat(h.storage.discarded).containsExactly(CHK_1);
        assertThat(h.storage.metadata).isEmpty();
        assertThat(h.store.getAllCheckpoints()).isEmpty();
        assertThat(h.coordinator.getNumberOfPendingCheckpoints()).isZero();
        assertThat(h.jobFailures).hasSize(1);
        assertThat(h.jobFailures.get(0)).isInstanceOf(CheckpointException.class).hasMessage(
                "Exceeded checkpoint tolerable failure threshold (0): checkpoint 1 failed: " + reason);
        assertThat(((CheckpointException) h.jobFailures.get(0)).getReason())
                .isEqualTo(CheckpointFailureReason.DECLINED);
        assertThat(h.coordinator.getStats().getCounts()).isEqualTo(new CheckpointStatsTracker.Counts(1, 0, 0, 1, 0));
        assertThat(h.coordinator.getStats().getLatestFailed()).isEqualTo(new CheckpointStats(1,
                CheckpointStats.Status.FAILED, false, START, START, 8, 5, 3, 1, null, reason, START + 5));
    }

    @Test
    void checkpointExpiresAfterTheTimeout() {
        CoordinatorHarness.Settings settings = new CoordinatorHarness.Settings();
        settings.timeout = Duration.ofMinutes(1);
        CoordinatorHarness h = new CoordinatorHarness(settings);
        CompletableFuture<CompletedCheckpoint> future = h.trigger();
        h.coordinator.receiveAcknowledge(ack("src-0", 1, stateOf("src-0", 1)));

        h.time.advance(Duration.ofMillis(59_999));
        assertThat(future).isNotDone();
        h.time.advance(Duration.ofMillis(1));

        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.EXPIRED);
        assertThat(failure(future)).hasMessage("expired after 60000 ms with 1 of 3 tasks acknowledged");
        assertThat(h.gateway.aborted).containsExactly("src-0@1", "src-1@1", "sink-0@1");
        assertThat(h.storage.discarded).containsExactly(CHK_1);
        assertThat(h.jobFailures).singleElement().extracting(Throwable::getMessage).isEqualTo(
                "Exceeded checkpoint tolerable failure threshold (0): checkpoint 1 failed: expired after 60000 ms"
                        + " with 1 of 3 tasks acknowledged");

        // Late acknowledgements of the expired checkpoint change nothing.
        h.coordinator.receiveAcknowledge(ack("src-1", 1, stateOf("src-1", 1)));
        h.coordinator.receiveAcknowledge(ack("sink-0", 1, stateOf("sink-0", 1)));
        assertThat(h.storage.metadata).isEmpty();
        assertThat(h.storage.discarded).containsExactly(CHK_1);
        assertThat(h.gateway.completed).isEmpty();
    }

    @Test
    void acknowledgementsNotAwaitedAreIgnored() {
        CoordinatorHarness h = new CoordinatorHarness();
        h.coordinator.receiveAcknowledge(ack("src-0", 99, stateOf("src-0", 99)));
        CompletableFuture<CompletedCheckpoint> future = h.trigger();

        h.coordinator.receiveAcknowledge(ack("src-0", 99, stateOf("src-0", 99)));
        h.coordinator.receiveAcknowledge(ack("ghost", 1, stateOf("src-0", 1)));
        h.coordinator.receiveDecline(decline("ghost", 1, "not mine"));
        h.coordinator.receiveDecline(decline("sink-0", 99, "not pending"));
        h.coordinator.receiveAcknowledge(ack("src-0", 1, stateOf("src-0", 1)));
        h.coordinator.receiveAcknowledge(ack("src-0", 1, stateOf("src-0", 1)));
        h.coordinator.receiveAcknowledge(ack("src-1", 1, stateOf("src-1", 1)));
        assertThat(future).as("the duplicate does not stand in for sink-0").isNotDone();
        assertThat(h.coordinator.getStats().getHistory().get(0).numAcknowledgedSubtasks()).isEqualTo(2);

        h.coordinator.receiveAcknowledge(ack("sink-0", 1, stateOf("sink-0", 1)));
        assertThat(future.join().metadata().getOperators(0).getSubtasksList())
                .containsExactly(stateOf("src-0", 1)[0], stateOf("src-1", 1)[0]);
        assertThat(h.jobFailures).isEmpty();
        assertThat(h.storage.discarded).isEmpty();

        // A late ack of a checkpoint that ended: its state is not ours to delete.
        h.coordinator.receiveAcknowledge(ack("sink-0", 1, stateOf("sink-0", 1)));
        assertThat(h.storage.discarded).isEmpty();
        assertThat(h.gateway.completed).containsExactly("src-0@1", "src-1@1", "sink-0@1");
    }

    @Test
    void metadataWriteFailureFailsTheCheckpoint() {
        CoordinatorHarness h = new CoordinatorHarness();
        h.storage.failWrite = true;
        CompletableFuture<CompletedCheckpoint> future = h.trigger();
        h.acknowledgeAll(1);

        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.FINALIZE_FAILED);
        assertThat(failure(future)).hasMessage("could not write the metadata: java.io.IOException: namenode unreachable");
        assertThat(h.storage.discarded).containsExactly(CHK_1);
        assertThat(h.store.getAllCheckpoints()).isEmpty();
        assertThat(h.gateway.aborted).containsExactly("src-0@1", "src-1@1", "sink-0@1");
        assertThat(h.gateway.completed).isEmpty();
        assertThat(h.jobFailures).hasSize(1);
    }

    @Test
    void stateOfAnOperatorNoTaskRunsFailsTheCheckpoint() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletableFuture<CompletedCheckpoint> future = h.trigger();
        h.coordinator.receiveAcknowledge(ack("src-0", 1, stateOf("src-0", 1)));
        h.coordinator.receiveAcknowledge(ack("src-1", 1, stateOf("src-1", 1)));
        h.coordinator.receiveAcknowledge(ack("sink-0", 1, keyed("other", 0, CHK_1 + "/x", 1)));

        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.FINALIZE_FAILED);
        assertThat(failure(future)).hasMessage(
                "could not build the metadata: State of operator other, which no task of checkpoint 1 runs");
        assertThat(h.storage.metadata).isEmpty();
        assertThat(h.storage.discarded).containsExactly(CHK_1);
    }

    @Test
    void locationFailureIsCountedWithTheCheckpointId() {
        CoordinatorHarness h = new CoordinatorHarness();
        h.storage.failInitialize = true;
        CompletableFuture<CompletedCheckpoint> future = h.trigger();

        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.IO_FAILURE);
        assertThat(h.gateway.triggers).isEmpty();
        assertThat(h.coordinator.getNumberOfPendingCheckpoints()).isZero();
        assertThat(h.jobFailures).singleElement().extracting(Throwable::getMessage).isEqualTo(
                "Exceeded checkpoint tolerable failure threshold (0): checkpoint 1 failed: could not get an id and a"
                        + " directory: java.io.IOException: disk full");
        assertThat(h.coordinator.getStats().getCounts()).isEqualTo(new CheckpointStatsTracker.Counts(0, 0, 0, 1, 0));
    }

    @Test
    void tasksNotReadyFailTheTriggerWithoutCounting() {
        CoordinatorHarness h = new CoordinatorHarness();
        h.gateway.tasks = null;
        CompletableFuture<CompletedCheckpoint> notRunning = h.trigger();
        h.gateway.tasks = List.of(
                new CheckpointTaskGateway.Task("src-0", 0, 0, true, List.of("src"), true),
                new CheckpointTaskGateway.Task("sink-0", 1, 0, false, List.of("map", "sink"), false));
        CompletableFuture<CompletedCheckpoint> sourcesFinished = h.trigger();

        assertThat(failureReason(notRunning)).isEqualTo(CheckpointFailureReason.TASKS_NOT_READY);
        assertThat(failure(notRunning)).hasMessage("Checkpoint skipped: not all tasks are running");
        assertThat(failureReason(sourcesFinished)).isEqualTo(CheckpointFailureReason.TASKS_NOT_READY);
        assertThat(h.ids.get()).as("no id taken").isEqualTo(1);
        assertThat(h.storage.initialized).isEmpty();
        assertThat(h.jobFailures).isEmpty();
        assertThat(h.coordinator.getStats().getCounts()).isEqualTo(new CheckpointStatsTracker.Counts(0, 0, 0, 0, 0));
    }

    @Test
    void tasksStoppingWhileTheLocationIsCreatedFailTheTrigger() {
        CoordinatorHarness h = new CoordinatorHarness();
        h.io.hold();
        CompletableFuture<CompletedCheckpoint> future = h.trigger();
        h.gateway.tasks = null;
        h.io.release();

        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.TASKS_NOT_READY);
        assertThat(h.gateway.triggers).isEmpty();
        assertThat(h.storage.discarded).containsExactly(CHK_1);
        assertThat(h.jobFailures).isEmpty();
    }

    @Test
    void finishedTasksCarryTheirStateOverAndKeepItsDirectory() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletedCheckpoint first = h.completeCheckpoint();
        OperatorSubtaskState src1State = first.stateOf(List.of("src"), 1).getOperators(0);

        h.gateway.tasks = CoordinatorHarness.tasks(true);
        CompletableFuture<CompletedCheckpoint> second = h.trigger();
        assertThat(h.gateway.triggeredExecutions(2)).containsExactly("src-0");
        h.coordinator.receiveAcknowledge(ack("src-1", 2, stateOf("src-1", 2)));
        h.coordinator.receiveAcknowledge(ack("src-0", 2, stateOf("src-0", 2)));
        assertThat(second).isNotDone();
        h.coordinator.receiveAcknowledge(ack("sink-0", 2, stateOf("sink-0", 2)));

        assertThat(second.join().metadata().getOperators(0).getSubtasksList())
                .containsExactly(stateOf("src-0", 2)[0], src1State);
        assertThat(h.gateway.completed).containsExactly("src-0@1", "src-1@1", "sink-0@1", "src-0@2", "sink-0@2");
        assertThat(h.coordinator.getStats().getLatestCompleted().numSubtasks()).isEqualTo(2);
        assertThat(h.store.getAllCheckpoints()).containsExactly(second.join());
        assertThat(h.storage.discarded).as("chk-2 refers to src-1's file in chk-1").isEmpty();

        h.completeCheckpoint();
        assertThat(h.storage.discarded).containsExactly(CHK_2);

        h.gateway.tasks = CoordinatorHarness.tasks(false);
        h.completeCheckpoint();
        assertThat(h.storage.discarded).containsExactly(CHK_2, CHK_1, CHK_3);
    }

    @Test
    void savepointIsNeitherRetainedNorSubsumingNorLimited() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletableFuture<CompletedCheckpoint> checkpoint = h.trigger();
        CompletableFuture<CompletedCheckpoint> savepoint = h.coordinator.triggerCheckpoint(true, null);

        String sp2 = location(2, true);
        assertThat(h.gateway.triggers).contains(new FakeTaskGateway.Trigger("src-0", 2, START, sp2, SnapshotType.SAVEPOINT),
                new FakeTaskGateway.Trigger("src-1", 2, START, sp2, SnapshotType.SAVEPOINT));
        h.acknowledgeAll(2);

        CompletedCheckpoint completed = savepoint.join();
        assertThat(completed.isSavepoint()).isTrue();
        assertThat(completed.location()).isEqualTo(sp2);
        assertThat(h.storage.metadata.get(sp2).getSavepoint()).isTrue();
        assertThat(h.store.getAllCheckpoints()).isEmpty();
        assertThat(checkpoint).as("a savepoint subsumes no checkpoint").isNotDone();
        assertThat(h.coordinator.getStats().getLatestSavepoint().checkpointId()).isEqualTo(2);
        assertThat(h.coordinator.getStats().getLatestCompleted()).isNull();

        h.acknowledgeAll(1);
        assertThat(h.store.getAllCheckpoints()).containsExactly(checkpoint.join());
        assertThat(h.storage.discarded).isEmpty();
    }

    @Test
    void aSavepointGoesToItsTargetDirectoryAndIsNotRetainedAsACheckpoint() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletableFuture<CompletedCheckpoint> future = h.coordinator.triggerCheckpoint(true, "hdfs:///savepoints");

        assertThat(h.storage.initialized).containsExactly("hdfs:///savepoints/savepoint-1");
        h.acknowledgeAll(1);
        assertThat(future.join().location()).isEqualTo("hdfs:///savepoints/savepoint-1");
        assertThat(future.join().isSavepoint()).isTrue();
        assertThat(h.store.getAllCheckpoints()).isEmpty();
        assertThat(h.storage.discarded).isEmpty();
    }

    @Test
    void aCheckpointWithATargetDirectoryIsACallerError() {
        CoordinatorHarness h = new CoordinatorHarness();
        assertThatThrownBy(() -> h.coordinator.triggerCheckpoint(false, "hdfs:///elsewhere"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void abortWhileTheMetadataIsWrittenDeletesTheDirectoryAfterTheWrite() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletableFuture<CompletedCheckpoint> future = h.trigger();
        h.io.hold();
        h.acknowledgeAll(1);
        assertThat(h.io.queued()).isEqualTo(1);

        h.coordinator.abortPendingCheckpoints(CheckpointFailureReason.JOB_STOPPING);
        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.JOB_STOPPING);
        assertThat(h.gateway.aborted).containsExactly("src-0@1", "src-1@1", "sink-0@1");
        assertThat(h.storage.discarded).as("not under the write").isEmpty();

        h.io.release();
        assertThat(h.storage.metadata).containsOnlyKeys(CHK_1);
        assertThat(h.storage.discarded).containsExactly(CHK_1);
        assertThat(h.store.getAllCheckpoints()).isEmpty();
        assertThat(h.gateway.completed).isEmpty();
        assertThat(h.jobFailures).isEmpty();
    }

    @Test
    void abortWhileTheLocationIsCreatedDeletesItWhenItArrives() {
        CoordinatorHarness h = new CoordinatorHarness();
        h.io.hold();
        CompletableFuture<CompletedCheckpoint> future = h.trigger();
        h.coordinator.abortPendingCheckpoints(CheckpointFailureReason.JOB_STOPPING);
        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.JOB_STOPPING);

        h.io.release();
        assertThat(h.storage.discarded).containsExactly(CHK_1);
        assertThat(h.gateway.triggers).isEmpty();
        assertThat(h.coordinator.getNumberOfPendingCheckpoints()).isZero();
        assertThat(h.jobFailures).isEmpty();
    }

    @Test
    void restoreLatestReturnsTheNewestRetainedCheckpoint() {
        CoordinatorHarness h = new CoordinatorHarness();
        assertThat(h.coordinator.restoreLatest(null)).isNull();
        assertThat(h.coordinator.getStats().getLatestRestored()).isNull();

        h.completeCheckpoint();
        CompletedCheckpoint second = h.completeCheckpoint();
        h.time.advance(Duration.ofSeconds(3));

        assertThat(h.coordinator.restoreLatest(null)).isSameAs(second);
        assertThat(h.coordinator.getStats().getLatestRestored())
                .isEqualTo(new CheckpointStatsTracker.RestoredCheckpoint(2, START + 3_000, CHK_2));
        assertThat(h.coordinator.getStats().getCounts().restored()).isEqualTo(1);
    }
}
