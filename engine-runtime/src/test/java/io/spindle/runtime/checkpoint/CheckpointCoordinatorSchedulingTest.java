package io.spindle.runtime.checkpoint;

import static io.spindle.runtime.checkpoint.CoordinatorHarness.START;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.decline;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.failureReason;
import static io.spindle.runtime.checkpoint.FakeCheckpointStorage.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Periodic triggering, concurrency, the failure threshold, stopping and shutting down. */
class CheckpointCoordinatorSchedulingTest {

    private static CoordinatorHarness periodic(Duration interval, Duration minPause, int maxConcurrent) {
        CoordinatorHarness.Settings settings = new CoordinatorHarness.Settings();
        settings.interval = interval;
        settings.minPause = minPause;
        settings.maxConcurrent = maxConcurrent;
        return new CoordinatorHarness(settings);
    }

    private static CoordinatorHarness tolerating(int tolerableFailures) {
        CoordinatorHarness.Settings settings = new CoordinatorHarness.Settings();
        settings.tolerableFailures = tolerableFailures;
        return new CoordinatorHarness(settings);
    }

    /** Trigger times of each checkpoint's first source, relative to the start. */
    private static List<Long> triggerOffsets(CoordinatorHarness h) {
        return h.gateway.triggers.stream().filter(trigger -> trigger.executionId().equals("src-0"))
                .map(trigger -> trigger.timestamp() - START).toList();
    }

    @Test
    void periodicCheckpointsStartAnIntervalApart() {
        CoordinatorHarness h = periodic(Duration.ofSeconds(10), Duration.ZERO, 1);
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofMillis(9_999));
        assertThat(h.gateway.triggers).isEmpty();

        h.time.advance(Duration.ofMillis(1));
        h.acknowledgeAll(1);
        h.time.advance(Duration.ofSeconds(10));
        h.acknowledgeAll(2);

        assertThat(triggerOffsets(h)).containsExactly(10_000L, 20_000L);
        assertThat(h.store.getLatestCheckpoint().checkpointId()).isEqualTo(2);
    }

    @Test
    void minPauseDelaysTheNextPeriodicTrigger() {
        CoordinatorHarness h = periodic(Duration.ofSeconds(10), Duration.ofSeconds(30), 1);
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(12));
        h.acknowledgeAll(1); // ends at 12 s: no checkpoint before 42 s

        h.time.advance(Duration.ofSeconds(8));
        assertThat(failureReason(h.trigger())).isEqualTo(CheckpointFailureReason.MIN_PAUSE);
        h.time.advance(Duration.ofMillis(21_999));
        assertThat(triggerOffsets(h)).containsExactly(10_000L);

        h.time.advance(Duration.ofMillis(1));
        assertThat(triggerOffsets(h)).containsExactly(10_000L, 42_000L);
        assertThat(h.gateway.triggers.get(h.gateway.triggers.size() - 1).checkpointId()).isEqualTo(2);
        assertThat(h.jobFailures).isEmpty();
    }

    @Test
    void minPauseCountsFromAFailedCheckpointToo() {
        CoordinatorHarness.Settings settings = new CoordinatorHarness.Settings();
        settings.interval = Duration.ofSeconds(10);
        settings.minPause = Duration.ofSeconds(15);
        settings.tolerableFailures = 5;
        CoordinatorHarness h = new CoordinatorHarness(settings);
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(11));
        h.coordinator.receiveDecline(decline("src-0", 1, "boom"));

        h.time.advance(Duration.ofMillis(14_999));
        assertThat(triggerOffsets(h)).containsExactly(10_000L);
        h.time.advance(Duration.ofMillis(1));
        assertThat(triggerOffsets(h)).containsExactly(10_000L, 26_000L);
    }

    @Test
    void maxConcurrentOneSkipsTriggersWhileACheckpointIsPending() {
        CoordinatorHarness h = periodic(Duration.ofSeconds(10), Duration.ZERO, 1);
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(20));
        assertThat(triggerOffsets(h)).containsExactly(10_000L);
        assertThat(failureReason(h.trigger())).isEqualTo(CheckpointFailureReason.TOO_MANY_CONCURRENT);

        h.time.advance(Duration.ofSeconds(5));
        h.acknowledgeAll(1);
        h.time.advance(Duration.ofSeconds(5));

        assertThat(triggerOffsets(h)).containsExactly(10_000L, 30_000L);
        assertThat(h.gateway.triggers.get(h.gateway.triggers.size() - 1).checkpointId())
                .as("skipped triggers take no id").isEqualTo(2);
        assertThat(h.jobFailures).isEmpty();
        assertThat(h.coordinator.getStats().getCounts().failed()).isZero();
    }

    @Test
    void maxConcurrentTwoRunsTwoAtOnce() {
        CoordinatorHarness h = periodic(Duration.ofSeconds(10), Duration.ZERO, 2);
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(30));

        assertThat(triggerOffsets(h)).containsExactly(10_000L, 20_000L);
        assertThat(h.coordinator.getNumberOfPendingCheckpoints()).isEqualTo(2);
        assertThat(h.coordinator.getStats().getCounts().inProgress()).isEqualTo(2);
    }

    @Test
    void newerCompletedCheckpointSubsumesAnOlderPendingOne() {
        CoordinatorHarness h = periodic(null, Duration.ZERO, 2);
        CompletableFuture<CompletedCheckpoint> first = h.trigger();
        CompletableFuture<CompletedCheckpoint> second = h.trigger();
        h.acknowledgeAll(2);

        assertThat(second.join().checkpointId()).isEqualTo(2);
        assertThat(failureReason(first)).isEqualTo(CheckpointFailureReason.SUBSUMED);
        assertThat(h.gateway.aborted).containsExactly("src-0@1", "src-1@1", "sink-0@1");
        assertThat(h.storage.discarded).containsExactly(location(1, false));
        assertThat(h.jobFailures).isEmpty();
        assertThat(h.coordinator.getNumberOfPendingCheckpoints()).isZero();
    }

    @Test
    void aPendingSavepointIsNotSubsumed() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletableFuture<CompletedCheckpoint> savepoint = h.coordinator.triggerCheckpoint(true, null);
        h.completeCheckpoint();
        assertThat(h.store.getLatestCheckpoint().checkpointId()).isEqualTo(2);
        assertThat(savepoint).isNotDone();

        h.acknowledgeAll(1);
        assertThat(savepoint.join().checkpointId()).isEqualTo(1);
        assertThat(h.gateway.aborted).isEmpty();
        assertThat(h.storage.discarded).isEmpty();
    }

    @Test
    void oneRetainedCheckpointDiscardsThePreviousOne() {
        CoordinatorHarness h = new CoordinatorHarness();
        h.completeCheckpoint();
        CompletedCheckpoint second = h.completeCheckpoint();

        assertThat(h.store.getAllCheckpoints()).containsExactly(second);
        assertThat(h.storage.discarded).containsExactly(location(1, false));
    }

    @Test
    void twoRetainedCheckpointsDiscardTheOldestOfThree() {
        CoordinatorHarness.Settings settings = new CoordinatorHarness.Settings();
        settings.numRetained = 2;
        CoordinatorHarness h = new CoordinatorHarness(settings);
        h.completeCheckpoint();
        CompletedCheckpoint second = h.completeCheckpoint();
        assertThat(h.storage.discarded).isEmpty();
        CompletedCheckpoint third = h.completeCheckpoint();

        assertThat(h.store.getAllCheckpoints()).containsExactly(second, third);
        assertThat(h.storage.discarded).containsExactly(location(1, false));
    }

    @Test
    void zeroTolerableFailuresFailTheJobAtTheFirstFailure() {
        CoordinatorHarness h = tolerating(0);
        h.trigger();
        h.coordinator.receiveDecline(decline("src-1", 1, "boom"));

        assertThat(h.jobFailures).singleElement().extracting(Throwable::getMessage).isEqualTo(
                "Exceeded checkpoint tolerable failure threshold (0): checkpoint 1 failed: declined by task src-1: boom");
    }

    @Test
    void theThirdConsecutiveFailureExceedsTwoTolerated() {
        CoordinatorHarness h = tolerating(2);
        for (long id = 1; id <= 2; id++) {
            h.trigger();
            h.coordinator.receiveDecline(decline("src-0", id, "boom"));
        }
        assertThat(h.jobFailures).isEmpty();

        h.trigger();
        h.coordinator.receiveDecline(decline("src-0", 3, "boom"));
        assertThat(h.jobFailures).singleElement().extracting(Throwable::getMessage).isEqualTo(
                "Exceeded checkpoint tolerable failure threshold (2): checkpoint 3 failed: declined by task src-0: boom");
    }

    @Test
    void aCompletedCheckpointResetsTheFailureCount() {
        CoordinatorHarness h = tolerating(2);
        h.trigger();
        h.coordinator.receiveDecline(decline("src-0", 1, "boom"));
        h.trigger();
        h.coordinator.receiveDecline(decline("src-0", 2, "boom"));
        h.completeCheckpoint();
        h.trigger();
        h.coordinator.receiveDecline(decline("src-0", 4, "boom"));
        h.trigger();
        h.coordinator.receiveDecline(decline("src-0", 5, "boom"));
        assertThat(h.jobFailures).isEmpty();

        h.trigger();
        h.coordinator.receiveDecline(decline("src-0", 6, "boom"));
        assertThat(h.jobFailures).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("Exceeded checkpoint tolerable failure threshold (2): checkpoint 6 failed:");
    }

    @Test
    void abortsForAStoppingJobAreNotCounted() {
        CoordinatorHarness h = tolerating(0);
        CompletableFuture<CompletedCheckpoint> future = h.trigger();
        h.coordinator.abortPendingCheckpoints(CheckpointFailureReason.JOB_STOPPING);

        assertThat(failureReason(future)).isEqualTo(CheckpointFailureReason.JOB_STOPPING);
        assertThat(h.gateway.aborted).containsExactly("src-0@1", "src-1@1", "sink-0@1");
        assertThat(h.storage.discarded).containsExactly(location(1, false));
        assertThat(h.jobFailures).isEmpty();
    }

    @Test
    void failingTheJobMayAbortTheOtherCheckpointsAtOnce() {
        CoordinatorHarness h = periodic(null, Duration.ZERO, 2);
        h.onJobFailure = failure -> h.coordinator.abortPendingCheckpoints(CheckpointFailureReason.JOB_STOPPING);
        h.trigger();
        CompletableFuture<CompletedCheckpoint> second = h.trigger();

        h.coordinator.receiveDecline(decline("sink-0", 1, "boom"));

        assertThat(h.jobFailures).hasSize(1);
        assertThat(failureReason(second)).isEqualTo(CheckpointFailureReason.JOB_STOPPING);
        assertThat(h.coordinator.getNumberOfPendingCheckpoints()).isZero();
        assertThat(h.storage.discarded).containsExactly(location(1, false), location(2, false));
    }

    @Test
    void periodicTriggersWaitForTheTasksWithoutFailures() {
        CoordinatorHarness h = periodic(Duration.ofSeconds(10), Duration.ZERO, 1);
        h.gateway.tasks = null;
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(30));
        assertThat(h.gateway.triggers).isEmpty();

        h.gateway.tasks = CoordinatorHarness.tasks(false);
        h.time.advance(Duration.ofSeconds(10));
        assertThat(triggerOffsets(h)).containsExactly(40_000L);
        assertThat(h.gateway.triggers.get(0).checkpointId()).isEqualTo(1);
        assertThat(h.jobFailures).isEmpty();
    }

    @Test
    void stopAbortsThePendingCheckpointsAndTheTimer() {
        CoordinatorHarness h = periodic(Duration.ofSeconds(10), Duration.ZERO, 1);
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(10));
        h.coordinator.stopCheckpointScheduler();

        assertThat(h.gateway.aborted).containsExactly("src-0@1", "src-1@1", "sink-0@1");
        assertThat(h.storage.discarded).containsExactly(location(1, false));
        assertThat(h.time.pendingTimers()).isZero();
        h.time.advance(Duration.ofMinutes(1));
        assertThat(triggerOffsets(h)).containsExactly(10_000L);
        assertThat(h.jobFailures).isEmpty();

        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(10));
        assertThat(triggerOffsets(h)).containsExactly(10_000L, 80_000L);
    }

    @ParameterizedTest
    @CsvSource({
            "FINISHED, DELETE_ON_CANCELLATION, true",
            "FINISHED, RETAIN_ON_CANCELLATION, true",
            "FINISHED, NO_EXTERNALIZED_CHECKPOINTS, true",
            "CANCELED, DELETE_ON_CANCELLATION, true",
            "CANCELED, RETAIN_ON_CANCELLATION, false",
            "CANCELED, NO_EXTERNALIZED_CHECKPOINTS, true",
            "FAILED, DELETE_ON_CANCELLATION, false",
            "FAILED, RETAIN_ON_CANCELLATION, false",
            "FAILED, NO_EXTERNALIZED_CHECKPOINTS, true"})
    void shutdownAppliesTheRetentionPolicy(JobStatus status, CheckpointingOptions.ExternalizedRetention retention,
            boolean deleted) {
        CoordinatorHarness.Settings settings = new CoordinatorHarness.Settings();
        settings.numRetained = 2;
        settings.retention = retention;
        CoordinatorHarness h = new CoordinatorHarness(settings);
        h.completeCheckpoint();
        h.completeCheckpoint();
        CompletableFuture<CompletedCheckpoint> pending = h.trigger();

        h.coordinator.shutdown(status);

        assertThat(failureReason(pending)).isEqualTo(CheckpointFailureReason.JOB_STOPPING);
        if (deleted) {
            assertThat(h.storage.discarded).containsExactly(location(3, false), location(1, false),
                    location(2, false));
        } else {
            assertThat(h.storage.discarded).containsExactly(location(3, false));
        }
        assertThat(h.jobFailures).isEmpty();
    }

    @Test
    void shutdownDeletesDirectoriesHeldForFinishedTasks() {
        CoordinatorHarness h = new CoordinatorHarness();
        h.completeCheckpoint();
        h.gateway.tasks = CoordinatorHarness.tasks(true);
        h.completeCheckpoint();
        assertThat(h.storage.discarded).isEmpty();

        h.coordinator.shutdown(JobStatus.FINISHED);
        assertThat(h.storage.discarded).containsExactlyInAnyOrder(location(1, false), location(2, false));
    }

    @Test
    void shutdownStopsCheckpointing() {
        CoordinatorHarness h = periodic(Duration.ofSeconds(10), Duration.ZERO, 1);
        h.coordinator.startCheckpointScheduler();
        h.coordinator.shutdown(JobStatus.CANCELED);
        h.time.advance(Duration.ofMinutes(1));

        assertThat(h.gateway.triggers).isEmpty();
        assertThat(h.time.pendingTimers()).isZero();
        assertThat(failureReason(h.trigger())).isEqualTo(CheckpointFailureReason.JOB_STOPPING);
        assertThat(failureReason(h.coordinator.triggerCheckpoint(true, null)))
                .isEqualTo(CheckpointFailureReason.JOB_STOPPING);
        assertThatThrownBy(h.coordinator::startCheckpointScheduler).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.coordinator.shutdown(JobStatus.RUNNING))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
