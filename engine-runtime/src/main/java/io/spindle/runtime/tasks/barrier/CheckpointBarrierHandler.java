package io.spindle.runtime.tasks.barrier;

import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.checkpoint.SnapshotType;

/**
 * Turns the barriers, cancellation markers and ends of partition that a task's input channels
 * deliver into checkpoints of the task. One instance per task, used by the task thread only.
 *
 * <p>Barrier ids only grow: a barrier or marker of a checkpoint older than the newest one seen
 * belongs to a checkpoint that is over (completed here, aborted or superseded) and is dropped.
 */
public abstract class CheckpointBarrierHandler {
    protected final BarrierListener listener;
    protected final int numberOfChannels;
    protected final boolean[] ended;
    protected int openChannels;
    /** Channels whose data goes into the pending unaligned checkpoint as in-flight data. */
    protected final boolean[] recording;
    /** The newest checkpoint this task has heard of, whether done, pending or aborted. */
    protected long latestCheckpointId = -1;

    protected CheckpointBarrierHandler(BarrierListener listener, int numberOfChannels) {
        this.listener = listener;
        this.numberOfChannels = numberOfChannels;
        this.ended = new boolean[numberOfChannels];
        this.openChannels = numberOfChannels;
        this.recording = new boolean[numberOfChannels];
    }

    /**
     * EXACTLY_ONCE aligns, or with {@code unaligned} lets barriers overtake (aligning first for
     * {@code alignedTimeout} when that is above zero); AT_LEAST_ONCE does not block. Savepoints
     * align either way.
     */
    public static CheckpointBarrierHandler create(CheckpointingOptions.Mode mode, boolean unaligned,
            java.time.Duration alignedTimeout, BarrierListener listener, ChannelBlocking gate, int numberOfChannels,
            Clock clock) {
        if (mode == CheckpointingOptions.Mode.AT_LEAST_ONCE) {
            return new AtLeastOnceBarrierHandler(listener, gate, numberOfChannels, clock);
        }
        return unaligned ? new UnalignedBarrierHandler(listener, gate, numberOfChannels, clock, alignedTimeout.toNanos())
                : new AlignedBarrierHandler(listener, gate, numberOfChannels, clock);
    }

    /** Whether what {@code channel} delivers now is in-flight data of an unaligned checkpoint; see {@link #recordInFlight}. */
    public final boolean isRecording(int channel) {
        return recording[channel];
    }

    /** A record or data event the task took from a recording channel, framed as on the wire. */
    public void recordInFlight(int channel, boolean record, byte[] bytes, int offset, int length) {
        throw new IllegalStateException("Only unaligned checkpoints record in-flight data");
    }

    /** Task thread, now and then: an alignment that took too long may go unaligned (see UnalignedBarrierHandler). */
    public void checkAlignmentTimeout() throws Exception {}

    /** The task's nanosecond clock, injected so that alignment times can be tested. */
    @FunctionalInterface
    public interface Clock {
        long nanoTime();
    }

    /**
     * @param overtaken for a barrier that overtook the channel's queued data (unaligned), those
     *     bytes; null for a barrier in its place in the stream
     */
    public abstract void processBarrier(int channel, long checkpointId, long timestamp, SnapshotType type, String location,
            byte[] overtaken) throws Exception;

    public abstract void processCancellation(int channel, long checkpointId) throws Exception;

    /** A channel ended: it no longer takes part in alignment, which may complete now. */
    public abstract void processEndOfPartition(int channel) throws Exception;

    /** The coordinator aborted a checkpoint: stop waiting for its barriers. */
    public abstract void abortCheckpoint(long checkpointId) throws Exception;

    /** The checkpoint whose barriers are being collected, or -1. */
    public abstract long pendingCheckpointId();

    protected final void markEnded(int channel) {
        if (!ended[channel]) {
            ended[channel] = true;
            openChannels--;
        }
    }
}
