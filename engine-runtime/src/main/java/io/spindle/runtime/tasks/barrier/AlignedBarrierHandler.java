package io.spindle.runtime.tasks.barrier;

import io.spindle.runtime.checkpoint.SnapshotType;

/**
 * Exactly-once alignment: the first barrier of a checkpoint starts it; each channel that
 * delivered the barrier is blocked until every open channel has, so no record after a barrier
 * reaches the operators before the snapshot. A newer barrier during an alignment, a
 * cancellation marker or an abort ends the alignment without a checkpoint and unblocks all.
 */
final class AlignedBarrierHandler extends CheckpointBarrierHandler {
    private final ChannelBlocking gate;
    private final Clock clock;
    private final boolean[] barrierReceived;
    private int barriersReceived;
    private long pendingId = -1;
    private long pendingTimestamp;
    private SnapshotType pendingType;
    private String pendingLocation;
    private long alignmentStartNanos;

    AlignedBarrierHandler(BarrierListener listener, ChannelBlocking gate, int numberOfChannels, Clock clock) {
        super(listener, numberOfChannels);
        this.gate = gate;
        this.clock = clock;
        this.barrierReceived = new boolean[numberOfChannels];
    }

    @Override
    public void processBarrier(int channel, long checkpointId, long timestamp, SnapshotType type, String location,
            byte[] overtaken) throws Exception {
        if (checkpointId < latestCheckpointId || (checkpointId == latestCheckpointId && pendingId != checkpointId)) {
            return;
        }
        if (checkpointId > latestCheckpointId) {
            if (pendingId >= 0) {
                long superseded = pendingId;
                resetAlignment();
                listener.abortCheckpointOnBarrier(superseded, "barrier of the newer checkpoint " + checkpointId
                        + " arrived before the alignment of " + superseded + " was complete");
            }
            latestCheckpointId = checkpointId;
            pendingId = checkpointId;
            pendingTimestamp = timestamp;
            pendingType = type;
            pendingLocation = location;
            alignmentStartNanos = clock.nanoTime();
        }
        if (!barrierReceived[channel]) {
            barrierReceived[channel] = true;
            barriersReceived++;
            if (barriersReceived < openChannels) {
                gate.blockChannel(channel);
            }
        }
        completeIfAligned();
    }

    @Override
    public void processCancellation(int channel, long checkpointId) throws Exception {
        if (checkpointId < latestCheckpointId || (checkpointId == latestCheckpointId && pendingId != checkpointId)) {
            return;
        }
        latestCheckpointId = checkpointId;
        if (pendingId >= 0) {
            resetAlignment();
        }
        listener.abortCheckpointOnBarrier(checkpointId, "the checkpoint was cancelled upstream");
    }

    @Override
    public void processEndOfPartition(int channel) throws Exception {
        markEnded(channel);
        if (pendingId >= 0) {
            if (barrierReceived[channel]) {
                barriersReceived--;
                barrierReceived[channel] = false;
            }
            completeIfAligned();
        }
    }

    @Override
    public void abortCheckpoint(long checkpointId) {
        latestCheckpointId = Math.max(latestCheckpointId, checkpointId);
        if (pendingId >= 0 && pendingId <= checkpointId) {
            resetAlignment();
        }
    }

    @Override
    public long pendingCheckpointId() {
        return pendingId;
    }

    private void completeIfAligned() throws Exception {
        if (pendingId >= 0 && barriersReceived >= openChannels) {
            long id = pendingId;
            long timestamp = pendingTimestamp;
            SnapshotType type = pendingType;
            String location = pendingLocation;
            long alignment = clock.nanoTime() - alignmentStartNanos;
            resetAlignment();
            listener.triggerCheckpointOnBarrier(id, timestamp, type, location, alignment);
        }
    }

    private void resetAlignment() {
        pendingId = -1;
        barriersReceived = 0;
        java.util.Arrays.fill(barrierReceived, false);
        gate.unblockAllChannels();
    }
}
