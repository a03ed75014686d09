package io.spindle.runtime.tasks;

import io.spindle.runtime.checkpoint.proto.ChannelStateSnapshot;
import io.spindle.runtime.checkpoint.proto.InputChannelData;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.runtime.checkpoint.proto.OutputChannelData;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import io.spindle.runtime.checkpoint.storage.ChannelStateFiles;
import io.spindle.runtime.network.OvertakenData;
import io.spindle.runtime.network.ResultPartition;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-flight data a task restores from an unaligned checkpoint, kept on its head operator's
 * state: each output subpartition gets its queued bytes back before anything new is emitted, and
 * each input channel delivers its bytes before anything its producer sends.
 */
final class RestoredChannelState {
    private static final RestoredChannelState NONE = new RestoredChannelState(ChannelStateSnapshot.getDefaultInstance());

    private final ChannelStateSnapshot snapshot;

    private RestoredChannelState(ChannelStateSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    static RestoredChannelState of(TaskDescriptor descriptor) throws IOException {
        TaskStateSnapshot restored = descriptor.restoredState();
        if (restored == null) {
            return NONE;
        }
        String head = descriptor.operatorIds().get(0);
        for (OperatorSubtaskState operator : restored.getOperatorsList()) {
            if (operator.getOperatorId().equals(head) && operator.hasChannelState()) {
                return new RestoredChannelState(ChannelStateFiles.read(operator.getChannelState()));
            }
        }
        return NONE;
    }

    /** Before the operators open: may block until consumers read, as any emit does. */
    void restoreOutputs(List<ResultPartition> partitions) throws IOException, InterruptedException {
        for (OutputChannelData output : snapshot.getOutputsList()) {
            byte[] data = withoutCheckpointEvents(output.getData().toByteArray(), output.getContinuation());
            partitions.get(output.getPartition()).restoreSubpartition(output.getSubpartition(),
                    new OvertakenData(data, output.getContinuation()));
        }
    }

    /**
     * The frames without barriers and cancellation markers (of savepoints that were queued): they
     * belong to the run that took the checkpoint. The bytes before {@code skip} and a last frame
     * that ends in another channel's data are kept as they are.
     */
    static byte[] withoutCheckpointEvents(byte[] frames, int skip) {
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream(frames.length);
        kept.write(frames, 0, skip);
        int pos = skip;
        while (pos < frames.length) {
            int header = ((frames[pos] & 0xFF) << 24) | ((frames[pos + 1] & 0xFF) << 16) | ((frames[pos + 2] & 0xFF) << 8)
                    | (frames[pos + 3] & 0xFF);
            int length = header >= 0 ? header : -header - 1;
            int frameEnd = pos + 4 + length;
            if (frameEnd > frames.length) {
                kept.write(frames, pos, frames.length - pos);
                break;
            }
            boolean checkpointEvent = header < 0 && length > 0
                    && (frames[pos + 4] == StreamElementCodec.EVENT_CHECKPOINT_BARRIER
                            || frames[pos + 4] == StreamElementCodec.EVENT_CANCEL_CHECKPOINT);
            if (!checkpointEvent) {
                kept.write(frames, pos, frameEnd - pos);
            }
            pos = frameEnd;
        }
        return kept.toByteArray();
    }

    Map<Integer, byte[]> inputs() {
        Map<Integer, byte[]> inputs = new HashMap<>();
        for (InputChannelData input : snapshot.getInputsList()) {
            inputs.put(input.getChannel(), withoutCheckpointEvents(input.getData().toByteArray(), 0));
        }
        return inputs;
    }
}
