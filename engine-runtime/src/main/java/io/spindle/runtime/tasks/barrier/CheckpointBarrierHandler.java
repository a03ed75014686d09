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
    /** The newest checkpoint this task has heard of, whether done, pending or aborted. */
    protected long latestCheckpointId = -1;

    protected CheckpointBarrierHandler(BarrierListener listener, int numberOfChannels) {
        this.listener = listener;
        this.numberOfChannels = numberOfChannels;
        this.ended = new boolean[numberOfChannels];
        this.openChannels = numberOfChannels;
    }

    /** EXACTLY_ONCE aligns, AT_LEAST_ONCE does not block; savepoints align either way. */
    public static CheckpointBarrierHandler create(CheckpointingOptions.Mode mode, BarrierListener listener,
            ChannelBlocking gate, int numberOfChannels, Clock clock) {
        return mode == CheckpointingOptions.Mode.AT_LEAST_ONCE
                ? new AtLeastOnceBarrierHandler(listener, gate, numberOfChannels, clock)
                : new AlignedBarrierHandler(listener, gate, numberOfChannels, clock);
    }

    /** The task's nanosecond clock, injected so that alignment times can be tested. */
    @FunctionalInterface
    public interface Clock {
        long nanoTime();
    }

    public abstract void processBarrier(int channel, long checkpointId, long timestamp, SnapshotType type, String location)
            throws Exception;

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
