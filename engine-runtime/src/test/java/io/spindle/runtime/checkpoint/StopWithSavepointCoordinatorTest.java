package io.spindle.runtime.checkpoint;

import static io.spindle.runtime.checkpoint.CoordinatorHarness.START;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.decline;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stop with savepoint on the coordinator: the sources learn the stop, periodic checkpoints pause, and a failure costs nothing. */
class StopWithSavepointCoordinatorTest {

    private static CoordinatorHarness periodicEvery10s() {
        CoordinatorHarness.Settings settings = new CoordinatorHarness.Settings();
        settings.interval = Duration.ofSeconds(10);
        return new CoordinatorHarness(settings);
    }

    private static List<FakeTaskGateway.Trigger> triggersOf(CoordinatorHarness h, long checkpointId) {
        return h.gateway.triggers.stream().filter(trigger -> trigger.checkpointId() == checkpointId).toList();
    }

    @Test
    void theSourcesAreToldToStopAndDrainWithTheSavepoint() {
        CoordinatorHarness h = new CoordinatorHarness();
        CompletableFuture<CompletedCheckpoint> stop = h.coordinator.triggerStopWithSavepoint(null, false);
        CompletableFuture<CompletedCheckpoint> drain = h.coordinator.triggerStopWithSavepoint("hdfs:///elsewhere", true);

        assertThat(triggersOf(h, 1)).extracting(FakeTaskGateway.Trigger::type)
                .containsExactly(SnapshotType.STOP_SAVEPOINT, SnapshotType.STOP_SAVEPOINT);
        assertThat(triggersOf(h, 2)).extracting(FakeTaskGateway.Trigger::type)
                .containsExactly(SnapshotType.DRAIN_SAVEPOINT, SnapshotType.DRAIN_SAVEPOINT);
        h.acknowledgeAll(1);
        assertThat(stop.join().isSavepoint()).isTrue();
        assertThat(h.store.getLatestCheckpoint()).as("a savepoint is not one of the job's checkpoints").isNull();
        assertThat(drain).isNotDone();
    }

    @Test
    void noPeriodicCheckpointFollowsTheStopSavepoint() {
        CoordinatorHarness h = periodicEvery10s();
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(5));
        CompletableFuture<CompletedCheckpoint> stop = h.coordinator.triggerStopWithSavepoint(null, false);
        h.acknowledgeAll(1);
        h.time.advance(Duration.ofMinutes(1));

        assertThat(stop).isCompleted();
        assertThat(h.gateway.triggers).allMatch(trigger -> trigger.checkpointId() == 1);
    }

    @Test
    void aDeclinedStopResumesPeriodicCheckpointsAndDoesNotFailTheJob() {
        CoordinatorHarness h = periodicEvery10s(); // no failure tolerated
        h.coordinator.startCheckpointScheduler();
        h.time.advance(Duration.ofSeconds(5));
        CompletableFuture<CompletedCheckpoint> stop = h.coordinator.triggerStopWithSavepoint(null, false);
        h.coordinator.receiveDecline(decline("sink-0", 1, "snapshot failed"));

        assertThat(CoordinatorHarness.failure(stop)).hasMessageContaining("snapshot failed");
        assertThat(h.jobFailures).as("a failed savepoint is not a failed checkpoint").isEmpty();
        h.time.advance(Duration.ofSeconds(10));
        assertThat(triggersOf(h, 2)).as("periodic checkpoints go on, an interval after the failure")
                .extracting(FakeTaskGateway.Trigger::type).containsOnly(SnapshotType.CHECKPOINT);
        assertThat(triggersOf(h, 2).get(0).timestamp() - START).isEqualTo(15_000L);
    }
}
