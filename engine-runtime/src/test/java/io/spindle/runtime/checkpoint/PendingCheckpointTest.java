package io.spindle.runtime.checkpoint;

import static io.spindle.runtime.checkpoint.CoordinatorHarness.ack;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.stateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingCheckpointTest {

    private static PendingCheckpoint pending() {
        return new PendingCheckpoint(4, 100, FakeCheckpointStorage.location(4, false), false,
                CoordinatorHarness.tasks(true), new CompletableFuture<>());
    }

    @Test
    void awaitsOnlyTheRunningTasksOnce() {
        PendingCheckpoint checkpoint = pending();

        assertThat(checkpoint.acknowledge(ack("src-1", 4, stateOf("src-1", 4)))).as("finished").isFalse();
        assertThat(checkpoint.acknowledge(ack("src-0", 4, stateOf("src-0", 4)))).isTrue();
        assertThat(checkpoint.acknowledge(ack("src-0", 4, stateOf("src-0", 4)))).as("again").isFalse();
        assertThat(checkpoint.isFullyAcknowledged()).isFalse();
        assertThat(checkpoint.acknowledge(ack("sink-0", 4, stateOf("sink-0", 4)))).isTrue();

        assertThat(checkpoint.isFullyAcknowledged()).isTrue();
        assertThat(checkpoint.numberOfTasksToAcknowledge()).isEqualTo(2);
        assertThat(checkpoint.acknowledgedStateSize()).isEqualTo(108);
        assertThat(checkpoint.describeTaskDurations()).isEqualTo("longest sync/async/alignment 2/30/1 ms");
        assertThat(checkpoint.involves("src-0")).isTrue();
        assertThat(checkpoint.involves("src-1")).isFalse();
        assertThat(checkpoint).hasToString("checkpoint 4");
    }

    @Test
    void metadataNeedsEveryOperatorDescribed() {
        PendingCheckpoint checkpoint = pending();
        Map<String, OperatorInfo> withoutMap = Map.of(
                "src", CoordinatorHarness.OPERATORS.get("src"), "sink", CoordinatorHarness.OPERATORS.get("sink"));

        assertThatThrownBy(() -> checkpoint.toMetadata("job-1", withoutMap))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Operator map is not known to the coordinator");
        assertThat(checkpoint.toMetadata("job-1", CoordinatorHarness.OPERATORS).getOperatorsList())
                .extracting(operator -> operator.getOperatorId()).containsExactly("src", "map", "sink");
    }
}
