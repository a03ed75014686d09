package io.spindle.runtime.tasks.barrier;

import io.spindle.runtime.checkpoint.SnapshotType;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Unaligned checkpoints: the first barrier of a checkpoint starts it at once, nothing is
 * blocked. Whatever logically precedes a channel's barrier but is processed after the snapshot is
 * the channel's in-flight data: the bytes a priority barrier overtook in the channel, and, on a
 * channel whose barrier has not arrived yet, every record and data event it delivers until it
 * does. Once every open channel delivered its barrier the in-flight data goes to the task.
 *
 * <p>With an aligned timeout above zero a checkpoint first aligns as {@link AlignedBarrierHandler}
 * does and goes unaligned when the alignment took that long, or at once when a barrier arrives
 * that overtook data (its upstream went unaligned). Savepoints always align.
 */
final class UnalignedBarrierHandler extends CheckpointBarrierHandler {
    private final ChannelBlocking gate;
    private final Clock clock;
    private final long alignedTimeoutNanos;
    private final AlignedBarrierHandler savepointAlignment;
    private final boolean[] barrierReceived;
    private final ByteArrayOutputStream[] inFlight;
    private int barriersReceived;
    private long pendingId = -1;
    private long pendingTimestamp;
    private String pendingLocation;
    private long alignmentStartNanos;
    /** Whether the pending checkpoint took its snapshot already (and records in-flight data). */
    private boolean unaligned;

    UnalignedBarrierHandler(BarrierListener listener, ChannelBlocking gate, int numberOfChannels, Clock clock,
            long alignedTimeoutNanos) {
        super(listener, numberOfChannels);
        this.gate = gate;
        this.clock = clock;
        this.alignedTimeoutNanos = alignedTimeoutNanos;
        this.savepointAlignment = new AlignedBarrierHandler(listener, gate, numberOfChannels, clock);
        this.barrierReceived = new boolean[numberOfChannels];
        this.inFlight = new ByteArrayOutputStream[numberOfChannels];
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
                long superseded = pendingId;
                reset();
                listener.abortCheckpointOnBarrier(superseded, "barrier of the newer checkpoint " + checkpointId
                        + " arrived before every barrier of " + superseded);
            }
            latestCheckpointId = checkpointId;
            pendingId = checkpointId;
            pendingTimestamp = timestamp;
            pendingLocation = location;
            alignmentStartNanos = clock.nanoTime();
        }
        if (barrierReceived[channel]) {
            return;
        }
        barrierReceived[channel] = true;
        barriersReceived++;
        if (!unaligned && (overtaken != null || alignedTimeoutNanos == 0 || alignmentTimedOut())) {
            goUnaligned();
        }
        if (unaligned) {
            recording[channel] = false;
            if (overtaken != null && overtaken.length > 0) {
                inFlightOf(channel).write(overtaken, 0, overtaken.length);
            }
        } else if (barriersReceived < openChannels) {
            gate.blockChannel(channel);
        }
        completeIfAllArrived();
    }

    @Override
    public void recordInFlight(int channel, boolean record, byte[] bytes, int offset, int length) {
        ByteArrayOutputStream out = inFlightOf(channel);
        int header = record ? length : -(length + 1);
        out.write(header >>> 24);
        out.write(header >>> 16);
        out.write(header >>> 8);
        out.write(header);
        out.write(bytes, offset, length);
    }

    @Override
    public void checkAlignmentTimeout() throws Exception {
        if (pendingId >= 0 && !unaligned && alignmentTimedOut()) {
            goUnaligned();
        }
    }

    @Override
    public void processCancellation(int channel, long checkpointId) throws Exception {
        if (savepointAlignment.pendingCheckpointId() == checkpointId) {
            savepointAlignment.processCancellation(channel, checkpointId);
            latestCheckpointId = Math.max(latestCheckpointId, checkpointId);
            return;
        }
        savepointAlignment.abortCheckpoint(checkpointId); // only moves its newest id on
        if (checkpointId < latestCheckpointId || (checkpointId == latestCheckpointId && pendingId != checkpointId)) {
            return;
        }
        latestCheckpointId = checkpointId;
        if (pendingId >= 0) {
            reset();
        }
        listener.abortCheckpointOnBarrier(checkpointId, "the checkpoint was cancelled upstream");
    }

    @Override
    public void processEndOfPartition(int channel) throws Exception {
        markEnded(channel);
        savepointAlignment.processEndOfPartition(channel);
        recording[channel] = false;
        if (pendingId >= 0) {
            if (barrierReceived[channel]) {
                barriersReceived--;
                barrierReceived[channel] = false;
            }
            completeIfAllArrived();
        }
    }

    @Override
    public void abortCheckpoint(long checkpointId) throws Exception {
        savepointAlignment.abortCheckpoint(checkpointId);
        latestCheckpointId = Math.max(latestCheckpointId, checkpointId);
        if (pendingId >= 0 && pendingId <= checkpointId) {
            reset();
        }
    }

    @Override
    public long pendingCheckpointId() {
        return pendingId >= 0 ? pendingId : savepointAlignment.pendingCheckpointId();
    }

    private boolean alignmentTimedOut() {
        return clock.nanoTime() - alignmentStartNanos >= alignedTimeoutNanos;
    }

    /** Snapshot now; channels still waiting for their barrier record what they deliver until it comes. */
    private void goUnaligned() throws Exception {
        unaligned = true;
        gate.unblockAllChannels();
        for (int channel = 0; channel < numberOfChannels; channel++) {
            recording[channel] = !ended[channel] && !barrierReceived[channel];
        }
        listener.triggerUnalignedCheckpointOnBarrier(pendingId, pendingTimestamp, pendingLocation);
    }

    private void completeIfAllArrived() throws Exception {
        if (pendingId < 0 || barriersReceived < openChannels) {
            return;
        }
        long id = pendingId;
        if (!unaligned) {
            long alignment = clock.nanoTime() - alignmentStartNanos;
            reset();
            listener.triggerCheckpointOnBarrier(id, pendingTimestamp, SnapshotType.CHECKPOINT, pendingLocation, alignment);
            return;
        }
        Map<Integer, byte[]> channels = new HashMap<>();
        for (int channel = 0; channel < numberOfChannels; channel++) {
            if (inFlight[channel] != null && inFlight[channel].size() > 0) {
                channels.put(channel, inFlight[channel].toByteArray());
            }
        }
        reset();
        listener.inFlightDataComplete(id, channels);
    }

    private ByteArrayOutputStream inFlightOf(int channel) {
        if (inFlight[channel] == null) {
            inFlight[channel] = new ByteArrayOutputStream();
        }
        return inFlight[channel];
    }

    private void reset() {
        pendingId = -1;
        unaligned = false;
        barriersReceived = 0;
        Arrays.fill(barrierReceived, false);
        Arrays.fill(recording, false);
        Arrays.fill(inFlight, null);
        gate.unblockAllChannels();
    }
}
