package io.spindle.runtime.tasks.barrier;

import io.spindle.runtime.checkpoint.SnapshotType;
import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.checkpoint.CheckpointingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CheckpointBarrierHandlerTest {
    private final RecordingGate gate = new RecordingGate();
    private final RecordingListener listener = new RecordingListener();
    private long now;

    private CheckpointBarrierHandler aligned(int channels) {
        return CheckpointBarrierHandler.create(CheckpointingOptions.Mode.EXACTLY_ONCE, listener, gate, channels, () -> now);
    }

    private CheckpointBarrierHandler atLeastOnce(int channels) {
        return CheckpointBarrierHandler.create(CheckpointingOptions.Mode.AT_LEAST_ONCE, listener, gate, channels, () -> now);
    }

    @Test
    void aSingleChannelTriggersAtOnceWithoutBlocking() throws Exception {
        CheckpointBarrierHandler handler = aligned(1);
        handler.processBarrier(0, 1, 100, SnapshotType.CHECKPOINT, "dir/chk-1");
        assertThat(listener.events).containsExactly("trigger 1 at 100 to dir/chk-1");
        assertThat(gate.blockings).isEmpty();
    }

    @Test
    void twoChannelsBlockTheFirstUntilTheSecondDelivers() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processBarrier(1, 1, 100, SnapshotType.CHECKPOINT, "chk-1");
        assertThat(gate.blocked).containsExactly(1);
        assertThat(listener.events).isEmpty();
        now = 7_000_000;
        handler.processBarrier(0, 1, 100, SnapshotType.CHECKPOINT, "chk-1");
        assertThat(gate.blocked).isEmpty();
        assertThat(gate.unblocks).isEqualTo(1);
        assertThat(listener.events).containsExactly("trigger 1 at 100 to chk-1");
        assertThat(listener.alignments).containsExactly(7_000_000L);
    }

    @Test
    void fourChannelsBlockEveryChannelThatDeliveredUntilTheLast() throws Exception {
        CheckpointBarrierHandler handler = aligned(4);
        handler.processBarrier(2, 5, 1, SnapshotType.CHECKPOINT, "c");
        handler.processBarrier(0, 5, 1, SnapshotType.CHECKPOINT, "c");
        handler.processBarrier(3, 5, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(gate.blocked).containsExactly(0, 2, 3);
        handler.processBarrier(1, 5, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(gate.blocked).isEmpty();
        assertThat(listener.events).containsExactly("trigger 5 at 1 to c");
    }

    @Test
    void aDuplicateBarrierOnAChannelDoesNotCountTwice() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c");
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(listener.events).isEmpty();
    }

    @Test
    void aCancellationMarkerUnblocksAndIsForwarded() throws Exception {
        CheckpointBarrierHandler handler = aligned(3);
        handler.processBarrier(0, 2, 1, SnapshotType.CHECKPOINT, "c");
        handler.processCancellation(1, 2);
        assertThat(gate.blocked).isEmpty();
        assertThat(listener.events).containsExactly("abort 2");
        // The late barrier of the cancelled checkpoint is dropped; nothing is blocked for it.
        handler.processBarrier(2, 2, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(gate.blocked).isEmpty();
        assertThat(listener.events).containsExactly("abort 2");
    }

    @Test
    void aCancellationBeforeAnyBarrierIsForwardedOnceAndItsBarriersAreDropped() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processCancellation(0, 4);
        handler.processCancellation(1, 4);
        handler.processBarrier(1, 4, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(listener.events).containsExactly("abort 4");
        assertThat(gate.blocked).isEmpty();
    }

    @Test
    void aNewerBarrierAbortsTheUnfinishedAlignment() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c1");
        handler.processBarrier(1, 2, 2, SnapshotType.CHECKPOINT, "c2");
        assertThat(listener.events).containsExactly("abort 1");
        assertThat(gate.blocked).containsExactly(1);
        handler.processBarrier(0, 2, 2, SnapshotType.CHECKPOINT, "c2");
        assertThat(listener.events).containsExactly("abort 1", "trigger 2 at 2 to c2");
    }

    @Test
    void anOlderBarrierThanTheLatestIsDropped() throws Exception {
        CheckpointBarrierHandler handler = aligned(1);
        handler.processBarrier(0, 3, 1, SnapshotType.CHECKPOINT, "c");
        handler.processBarrier(0, 2, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(listener.events).containsExactly("trigger 3 at 1 to c");
    }

    @Test
    void theEndOfTheLastMissingChannelCompletesTheAlignment() throws Exception {
        CheckpointBarrierHandler handler = aligned(3);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c");
        handler.processBarrier(1, 1, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(listener.events).isEmpty();
        handler.processEndOfPartition(2);
        assertThat(listener.events).containsExactly("trigger 1 at 1 to c");
        assertThat(gate.blocked).isEmpty();
        // From now on two channels make a checkpoint.
        handler.processBarrier(1, 2, 1, SnapshotType.CHECKPOINT, "c");
        handler.processBarrier(0, 2, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(listener.events).containsExactly("trigger 1 at 1 to c", "trigger 2 at 1 to c");
    }

    @Test
    void anAbortFromTheCoordinatorUnblocksWithoutForwarding() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c");
        handler.abortCheckpoint(1);
        assertThat(gate.blocked).isEmpty();
        assertThat(handler.pendingCheckpointId()).isEqualTo(-1);
        handler.processBarrier(1, 1, 1, SnapshotType.CHECKPOINT, "c");
        assertThat(listener.events).isEmpty();
    }

    @Test
    void atLeastOnceNeverBlocksAndTriggersWhenAllHaveDelivered() throws Exception {
        CheckpointBarrierHandler handler = atLeastOnce(2);
        handler.processBarrier(0, 1, 9, SnapshotType.CHECKPOINT, "c");
        assertThat(gate.blockings).isEmpty();
        assertThat(listener.events).isEmpty();
        handler.processBarrier(1, 1, 9, SnapshotType.CHECKPOINT, "c");
        assertThat(listener.events).containsExactly("trigger 1 at 9 to c");
        assertThat(gate.blockings).isEmpty();
    }

    @Test
    void atLeastOnceStillAlignsSavepoints() throws Exception {
        CheckpointBarrierHandler handler = atLeastOnce(2);
        handler.processBarrier(0, 1, 9, SnapshotType.SAVEPOINT, "sp");
        assertThat(gate.blocked).containsExactly(0);
        handler.processBarrier(1, 1, 9, SnapshotType.SAVEPOINT, "sp");
        assertThat(gate.blocked).isEmpty();
        assertThat(listener.events).containsExactly("trigger 1 at 9 to sp");
    }

    @Test
    void atLeastOnceCompletesWhenTheMissingChannelEnds() throws Exception {
        CheckpointBarrierHandler handler = atLeastOnce(2);
        handler.processBarrier(0, 1, 9, SnapshotType.CHECKPOINT, "c");
        handler.processEndOfPartition(1);
        assertThat(listener.events).containsExactly("trigger 1 at 9 to c");
    }

    private static final class RecordingGate implements ChannelBlocking {
        final Set<Integer> blocked = new TreeSet<>();
        final List<Integer> blockings = new ArrayList<>();
        int unblocks;

        @Override
        public void blockChannel(int channelIndex) {
            blocked.add(channelIndex);
            blockings.add(channelIndex);
        }

        @Override
        public void unblockAllChannels() {
            blocked.clear();
            unblocks++;
        }
    }

    private static final class RecordingListener implements BarrierListener {
        final List<String> events = new ArrayList<>();
        final List<Long> alignments = new ArrayList<>();

        @Override
        public void triggerCheckpointOnBarrier(long checkpointId, long timestamp, SnapshotType type, String location,
                long alignmentNanos) {
            events.add("trigger " + checkpointId + " at " + timestamp + " to " + location);
            alignments.add(alignmentNanos);
        }

        @Override
        public void abortCheckpointOnBarrier(long checkpointId, String reason) {
            events.add("abort " + checkpointId);
        }
    }
}
