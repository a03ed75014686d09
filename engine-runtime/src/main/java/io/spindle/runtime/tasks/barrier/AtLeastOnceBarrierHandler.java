package io.spindle.runtime.tasks.barrier;

import io.spindle.runtime.checkpoint.SnapshotType;

/**
 * At-least-once: barriers are counted, never waited for. Records behind an early barrier are
 * processed before the snapshot, so after a restore they may be processed again. Savepoints are
 * aligned all the same, so that they are consistent.
 */
final class AtLeastOnceBarrierHandler extends CheckpointBarrierHandler {
    private final AlignedBarrierHandler savepointAlignment;
    private final Clock clock;
    private long pendingId = -1;
    private int barriersReceived;
    private final boolean[] barrierReceived;
    private long firstBarrierNanos;
    private long pendingTimestamp;
    private String pendingLocation;

    AtLeastOnceBarrierHandler(BarrierListener listener, ChannelBlocking gate, int numberOfChannels, Clock clock) {
        super(listener, numberOfChannels);
        this.clock = clock;
        this.barrierReceived = new boolean[numberOfChannels];
        this.savepointAlignment = new AlignedBarrierHandler(listener, gate, numberOfChannels, clock);
    }

    @Override
    public void processBarrier(int channel, long checkpointId, long timestamp, SnapshotType type, String location,
            byte[] overtaken) throws Exception {
        if (type.isSavepoint()) {
            savepointAlignment.processBarrier(channel, checkpointId, timestamp, type, location, null);
            latestCheckpointId = Math.max(latestCheckpointId, checkpointId);
            return;
        }
        if (checkpointId < latestCheckpointId || (checkpointId == latestCheckpointId && pendingId != checkpointId)) {
            return;
        }
        if (checkpointId > latestCheckpointId) {
            if (pendingId >= 0) {
                listener.abortCheckpointOnBarrier(pendingId, "barrier of the newer checkpoint " + checkpointId
                        + " arrived first");
            }
            latestCheckpointId = checkpointId;
            pendingId = checkpointId;
            barriersReceived = 0;
            java.util.Arrays.fill(barrierReceived, false);
            firstBarrierNanos = clock.nanoTime();
            pendingTimestamp = timestamp;
            pendingLocation = location;
        }
        if (!barrierReceived[channel]) {
            barrierReceived[channel] = true;
            barriersReceived++;
        }
        if (barriersReceived >= openChannels) {
            pendingId = -1;
            listener.triggerCheckpointOnBarrier(checkpointId, timestamp, SnapshotType.CHECKPOINT, location,
                    clock.nanoTime() - firstBarrierNanos);
        }
    }

    @Override
    public void processCancellation(int channel, long checkpointId) throws Exception {
        savepointAlignment.processCancellation(channel, checkpointId);
        if (checkpointId > latestCheckpointId || checkpointId == pendingId) {
            latestCheckpointId = Math.max(latestCheckpointId, checkpointId);
            pendingId = -1;
        }
    }

    @Override
    public void processEndOfPartition(int channel) throws Exception {
        markEnded(channel);
        savepointAlignment.processEndOfPartition(channel);
        if (pendingId >= 0) {
            if (barrierReceived[channel]) {
                barriersReceived--;
                barrierReceived[channel] = false;
            }
            if (barriersReceived >= openChannels) {
                long id = pendingId;
                pendingId = -1;
                listener.triggerCheckpointOnBarrier(id, pendingTimestamp, SnapshotType.CHECKPOINT, pendingLocation,
                        clock.nanoTime() - firstBarrierNanos);
            }
        }
    }

    @Override
    public void abortCheckpoint(long checkpointId) throws Exception {
        savepointAlignment.abortCheckpoint(checkpointId);
        latestCheckpointId = Math.max(latestCheckpointId, checkpointId);
        if (pendingId >= 0 && pendingId <= checkpointId) {
            pendingId = -1;
        }
    }

    @Override
    public long pendingCheckpointId() {
        return pendingId >= 0 ? pendingId : savepointAlignment.pendingCheckpointId();
    }
}
