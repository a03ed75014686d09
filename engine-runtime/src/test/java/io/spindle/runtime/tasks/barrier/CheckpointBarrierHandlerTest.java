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
        return CheckpointBarrierHandler.create(CheckpointingOptions.Mode.EXACTLY_ONCE, false, java.time.Duration.ZERO, listener, gate, channels, () -> now);
    }

    private CheckpointBarrierHandler atLeastOnce(int channels) {
        return CheckpointBarrierHandler.create(CheckpointingOptions.Mode.AT_LEAST_ONCE, false, java.time.Duration.ZERO, listener, gate, channels, () -> now);
    }

    @Test
    void aSingleChannelTriggersAtOnceWithoutBlocking() throws Exception {
        CheckpointBarrierHandler handler = aligned(1);
        handler.processBarrier(0, 1, 100, SnapshotType.CHECKPOINT, "dir/chk-1", null);
        assertThat(listener.events).containsExactly("trigger 1 at 100 to dir/chk-1");
        assertThat(gate.blockings).isEmpty();
    }

    @Test
    void twoChannelsBlockTheFirstUntilTheSecondDelivers() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processBarrier(1, 1, 100, SnapshotType.CHECKPOINT, "chk-1", null);
        assertThat(gate.blocked).containsExactly(1);
        assertThat(listener.events).isEmpty();
        now = 7_000_000;
        handler.processBarrier(0, 1, 100, SnapshotType.CHECKPOINT, "chk-1", null);
        assertThat(gate.blocked).isEmpty();
        assertThat(gate.unblocks).isEqualTo(1);
        assertThat(listener.events).containsExactly("trigger 1 at 100 to chk-1");
        assertThat(listener.alignments).containsExactly(7_000_000L);
    }

    @Test
    void fourChannelsBlockEveryChannelThatDeliveredUntilTheLast() throws Exception {
        CheckpointBarrierHandler handler = aligned(4);
        handler.processBarrier(2, 5, 1, SnapshotType.CHECKPOINT, "c", null);
        handler.processBarrier(0, 5, 1, SnapshotType.CHECKPOINT, "c", null);
        handler.processBarrier(3, 5, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(gate.blocked).containsExactly(0, 2, 3);
        handler.processBarrier(1, 5, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(gate.blocked).isEmpty();
        assertThat(listener.events).containsExactly("trigger 5 at 1 to c");
    }

    @Test
    void aDuplicateBarrierOnAChannelDoesNotCountTwice() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c", null);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void aCancellationMarkerUnblocksAndIsForwarded() throws Exception {
        CheckpointBarrierHandler handler = aligned(3);
        handler.processBarrier(0, 2, 1, SnapshotType.CHECKPOINT, "c", null);
        handler.processCancellation(1, 2);
        assertThat(gate.blocked).isEmpty();
        assertThat(listener.events).containsExactly("abort 2");
        // The late barrier of the cancelled checkpoint is dropped; nothing is blocked for it.
        handler.processBarrier(2, 2, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(gate.blocked).isEmpty();
        assertThat(listener.events).containsExactly("abort 2");
    }

    @Test
    void aCancellationBeforeAnyBarrierIsForwardedOnceAndItsBarriersAreDropped() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processCancellation(0, 4);
        handler.processCancellation(1, 4);
        handler.processBarrier(1, 4, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(listener.events).containsExactly("abort 4");
        assertThat(gate.blocked).isEmpty();
    }

    @Test
    void aNewerBarrierAbortsTheUnfinishedAlignment() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c1", null);
        handler.processBarrier(1, 2, 2, SnapshotType.CHECKPOINT, "c2", null);
        assertThat(listener.events).containsExactly("abort 1");
        assertThat(gate.blocked).containsExactly(1);
        handler.processBarrier(0, 2, 2, SnapshotType.CHECKPOINT, "c2", null);
        assertThat(listener.events).containsExactly("abort 1", "trigger 2 at 2 to c2");
    }

    @Test
    void anOlderBarrierThanTheLatestIsDropped() throws Exception {
        CheckpointBarrierHandler handler = aligned(1);
        handler.processBarrier(0, 3, 1, SnapshotType.CHECKPOINT, "c", null);
        handler.processBarrier(0, 2, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(listener.events).containsExactly("trigger 3 at 1 to c");
    }

    @Test
    void theEndOfTheLastMissingChannelCompletesTheAlignment() throws Exception {
        CheckpointBarrierHandler handler = aligned(3);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c", null);
        handler.processBarrier(1, 1, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(listener.events).isEmpty();
        handler.processEndOfPartition(2);
        assertThat(listener.events).containsExactly("trigger 1 at 1 to c");
        assertThat(gate.blocked).isEmpty();
        // From now on two channels make a checkpoint.
        handler.processBarrier(1, 2, 1, SnapshotType.CHECKPOINT, "c", null);
        handler.processBarrier(0, 2, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(listener.events).containsExactly("trigger 1 at 1 to c", "trigger 2 at 1 to c");
    }

    @Test
    void anAbortFromTheCoordinatorUnblocksWithoutForwarding() throws Exception {
        CheckpointBarrierHandler handler = aligned(2);
        handler.processBarrier(0, 1, 1, SnapshotType.CHECKPOINT, "c", null);
        handler.abortCheckpoint(1);
        assertThat(gate.blocked).isEmpty();
        assertThat(handler.pendingCheckpointId()).isEqualTo(-1);
        handler.processBarrier(1, 1, 1, SnapshotType.CHECKPOINT, "c", null);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void atLeastOnceNeverBlocksAndTriggersWhenAllHaveDelivered() throws Exception {
        CheckpointBarrierHandler handler = atLeastOnce(2);
        handler.processBarrier(0, 1, 9, SnapshotType.CHECKPOINT, "c", null);
        assertThat(gate.blockings).isEmpty();
        assertThat(listener.events).isEmpty();
        handler.processBarrier(1, 1, 9, SnapshotType.CHECKPOINT, "c", null);
        assertThat(listener.events).containsExactly("trigger 1 at 9 to c");
        assertThat(gate.blockings).isEmpty();
    }

    @Test
    void atLeastOnceStillAlignsSavepoints() throws Exception {
        CheckpointBarrierHandler handler = atLeastOnce(2);
        handler.processBarrier(0, 1, 9, SnapshotType.SAVEPOINT, "sp", null);
        assertThat(gate.blocked).containsExactly(0);
        handler.processBarrier(1, 1, 9, SnapshotType.SAVEPOINT, "sp", null);
        assertThat(gate.blocked).isEmpty();
        assertThat(listener.events).containsExactly("trigger 1 at 9 to sp");
    }

    @Test
    void atLeastOnceCompletesWhenTheMissingChannelEnds() throws Exception {
        CheckpointBarrierHandler handler = atLeastOnce(2);
        handler.processBarrier(0, 1, 9, SnapshotType.CHECKPOINT, "c", null);
        handler.processEndOfPartition(1);
        assertThat(listener.events).containsExactly("trigger 1 at 9 to c");
    }

    private CheckpointBarrierHandler unaligned(int channels, long alignedTimeoutNanos) {
        return CheckpointBarrierHandler.create(CheckpointingOptions.Mode.EXACTLY_ONCE, true,
                java.time.Duration.ofNanos(alignedTimeoutNanos), listener, gate, channels, () -> now);
    }

    @Test
    void unalignedSnapshotsAtTheFirstBarrierAndKeepsWhatPrecedesEachChannelsBarrier() throws Exception {
        CheckpointBarrierHandler handler = unaligned(3, 0);
        handler.processBarrier(0, 1, 5, SnapshotType.CHECKPOINT, "c1", new byte[] {1, 2});
        assertThat(listener.events).containsExactly("unaligned 1 at 5 to c1");
        assertThat(gate.blockings).as("nothing waits").isEmpty();
        assertThat(handler.isRecording(0)).isFalse();
        assertThat(handler.isRecording(1)).isTrue();
        assertThat(handler.isRecording(2)).isTrue();

        handler.recordInFlight(1, true, new byte[] {9, 9, 9}, 1, 1);
        handler.processBarrier(1, 1, 5, SnapshotType.CHECKPOINT, "c1", new byte[] {3});
        assertThat(handler.isRecording(1)).as("what follows its barrier is after the checkpoint").isFalse();
        handler.recordInFlight(2, false, new byte[] {7, 7}, 0, 2);
        handler.processBarrier(2, 1, 5, SnapshotType.CHECKPOINT, "c1", null);

        assertThat(listener.events).containsExactly("unaligned 1 at 5 to c1",
                "in-flight 1 {0=0102, 1=0000000109" + "03, 2=fffffffd0707}");
        assertThat(handler.pendingCheckpointId()).isEqualTo(-1);
    }

    @Test
    void withAnAlignedTimeoutItAlignsFirstAndGoesUnalignedWhenTheAlignmentTakesLonger() throws Exception {
        CheckpointBarrierHandler handler = unaligned(2, 100);
        handler.processBarrier(0, 1, 5, SnapshotType.CHECKPOINT, "c1", null);
        now += 50;
        handler.checkAlignmentTimeout();
        assertThat(gate.blocked).containsExactly(0);
        assertThat(listener.events).isEmpty();

        now += 50;
        handler.checkAlignmentTimeout();
        assertThat(listener.events).containsExactly("unaligned 1 at 5 to c1");
        assertThat(gate.blocked).as("the aligned channel's data now follows its barrier unrecorded").isEmpty();
        assertThat(handler.isRecording(0)).isFalse();
        assertThat(handler.isRecording(1)).isTrue();
        handler.recordInFlight(1, true, new byte[] {4}, 0, 1);
        handler.processBarrier(1, 1, 5, SnapshotType.CHECKPOINT, "c1", null);
        assertThat(listener.events).last().isEqualTo("in-flight 1 {1=0000000104}");

        handler.processBarrier(1, 2, 6, SnapshotType.CHECKPOINT, "c2", null);
        now += 10;
        handler.processBarrier(0, 2, 6, SnapshotType.CHECKPOINT, "c2", null);
        assertThat(listener.events).as("aligned in time").last().isEqualTo("trigger 2 at 6 to c2");
    }

    @Test
    void aBarrierThatOvertookDataEndsTheAlignmentAtOnce() throws Exception {
        CheckpointBarrierHandler handler = unaligned(2, 1_000_000);
        handler.processBarrier(0, 1, 5, SnapshotType.CHECKPOINT, "c1", null);
        handler.processBarrier(1, 1, 5, SnapshotType.CHECKPOINT, "c1", new byte[] {8});
        assertThat(listener.events).containsExactly("unaligned 1 at 5 to c1", "in-flight 1 {1=08}");
    }

    @Test
    void aCancellationOrANewerBarrierStopsTheRecordingAndAbortsAndSavepointsStillAlign() throws Exception {
        CheckpointBarrierHandler handler = unaligned(2, 0);
        handler.processBarrier(0, 1, 5, SnapshotType.CHECKPOINT, "c1", null);
        handler.processCancellation(1, 1);
        assertThat(handler.isRecording(1)).isFalse();
        handler.processBarrier(0, 2, 6, SnapshotType.CHECKPOINT, "c2", null);
        handler.processBarrier(1, 3, 7, SnapshotType.CHECKPOINT, "c3", null);
        assertThat(listener.events).containsExactly("unaligned 1 at 5 to c1", "abort 1", "unaligned 2 at 6 to c2",
                "abort 2", "unaligned 3 at 7 to c3");

        handler.processBarrier(0, 4, 8, SnapshotType.SAVEPOINT, "sp4", null);
        assertThat(gate.blocked).containsExactly(0);
        handler.processBarrier(1, 4, 8, SnapshotType.SAVEPOINT, "sp4", null);
        assertThat(listener.events).last().isEqualTo("trigger 4 at 8 to sp4");
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
        public void triggerUnalignedCheckpointOnBarrier(long checkpointId, long timestamp, String location) {
            events.add("unaligned " + checkpointId + " at " + timestamp + " to " + location);
        }

        @Override
        public void inFlightDataComplete(long checkpointId, java.util.Map<Integer, byte[]> channels) {
            java.util.TreeMap<Integer, String> data = new java.util.TreeMap<>();
            channels.forEach((channel, bytes) -> data.put(channel, java.util.HexFormat.of().formatHex(bytes)));
            events.add("in-flight " + checkpointId + " " + data);
        }

        @Override
        public void abortCheckpointOnBarrier(long checkpointId, String reason) {
            events.add("abort " + checkpointId);
        }
    }
}
