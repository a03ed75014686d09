package io.spindle.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.JobStatus;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneCompletedCheckpointStoreTest {

    private static CompletedCheckpoint checkpoint(long id, boolean savepoint) {
        return new CompletedCheckpoint(FakeCheckpointStorage.location(id, savepoint), CheckpointMetadata.newBuilder()
                .setVersion(1).setJobId("job-1").setCheckpointId(id).setTimestamp(id * 1_000)
                .setSavepoint(savepoint).build(), id * 1_000 + 10);
    }

    @Test
    void keepsTheNewestAndHandsOverTheOldestOnes() {
        StandaloneCompletedCheckpointStore store = new StandaloneCompletedCheckpointStore(2);
        List<Long> subsumed = new ArrayList<>();
        for (long id = 1; id <= 4; id++) {
            store.addCheckpointAndSubsumeOldest(checkpoint(id, false), c -> subsumed.add(c.checkpointId()));
        }

        assertThat(subsumed).containsExactly(1L, 2L);
        assertThat(store.getAllCheckpoints()).extracting(CompletedCheckpoint::checkpointId).containsExactly(3L, 4L);
        assertThat(store.getLatestCheckpoint().checkpointId()).isEqualTo(4);
        assertThat(store.getMaxRetained()).isEqualTo(2);
    }

    @Test
    void refusesSavepointsOlderCheckpointsAndRetainingNone() {
        StandaloneCompletedCheckpointStore store = new StandaloneCompletedCheckpointStore(1);
        store.addCheckpointAndSubsumeOldest(checkpoint(5, false), c -> {});

        assertThatThrownBy(() -> store.addCheckpointAndSubsumeOldest(checkpoint(6, true), c -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.addCheckpointAndSubsumeOldest(checkpoint(5, false), c -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StandaloneCompletedCheckpointStore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.getAllCheckpoints()).extracting(CompletedCheckpoint::checkpointId).containsExactly(5L);
    }

    @Test
    void shutdownHandsOverEveryCheckpoint() {
        StandaloneCompletedCheckpointStore store = new StandaloneCompletedCheckpointStore(3);
        assertThat(store.getLatestCheckpoint()).isNull();
        store.addCheckpointAndSubsumeOldest(checkpoint(1, false), c -> {});
        store.addCheckpointAndSubsumeOldest(checkpoint(2, false), c -> {});
        List<Long> handedOver = new ArrayList<>();

        store.shutdown(JobStatus.FAILED, c -> handedOver.add(c.checkpointId()));

        assertThat(handedOver).containsExactly(1L, 2L);
        assertThat(store.getAllCheckpoints()).isEmpty();
        assertThat(store.getLatestCheckpoint()).isNull();
    }
}
