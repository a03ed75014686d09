package io.spindle.runtime.tasks;

import com.google.protobuf.ByteString;
import io.spindle.runtime.checkpoint.proto.AcknowledgeCheckpoint;
import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import io.spindle.runtime.checkpoint.SnapshotType;
import io.spindle.runtime.checkpoint.storage.CheckpointPaths;
import io.spindle.runtime.checkpoint.storage.KeyedStateFiles;
import io.spindle.runtime.checkpoint.storage.ChannelStateFiles;
import io.spindle.runtime.checkpoint.proto.ChannelStateHandle;
import io.spindle.runtime.checkpoint.proto.ChannelStateSnapshot;
import io.spindle.runtime.checkpoint.proto.InputChannelData;
import io.spindle.runtime.checkpoint.proto.OutputChannelData;
import io.spindle.runtime.network.OvertakenData;
import io.spindle.runtime.network.ResultPartition;
import io.spindle.runtime.operators.OperatorSnapshot;
import io.spindle.runtime.operators.StreamOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's side of checkpoints. In the task thread, between two records: every operator's
 * synchronous snapshot, then the barrier to every output. Off it, on the TaskManager's
 * checkpoint thread pool: keyed state written to the checkpoint's directory and the
 * acknowledgement with the state handles. Also passes completion and abort notifications to the
 * operators, and remembers which checkpoints were taken and completed, so the task knows when
 * it may finish.
 *
 * <p>An unaligned checkpoint sends its barrier ahead of the bytes queued in every output
 * subpartition and keeps those bytes, and the input channels' in-flight data that the barrier
 * handler hands over once every barrier is in, in one channel-state file next to the keyed state.
 */
final class SubtaskCheckpointer {
    private static final Logger LOG = LoggerFactory.getLogger(SubtaskCheckpointer.class);

    private final TaskDescriptor descriptor;
    private final List<StreamOperator<?>> operators;
    private final List<ResultPartition> partitions;
    private final CheckpointResponder responder;
    private final Executor asyncExecutor;

    private final boolean unaligned;
    /** Unaligned checkpoints whose snapshot is taken and whose input in-flight data is still being gathered. */
    private final java.util.Map<Long, java.util.concurrent.CompletableFuture<java.util.Map<Integer, byte[]>>> pendingInputs =
            new java.util.HashMap<>();
    private long lastPerformedId = -1;
    private long lastCompletedId = -1;
    private long lastAbortedId = -1;

    SubtaskCheckpointer(TaskDescriptor descriptor, List<StreamOperator<?>> operators, List<ResultPartition> partitions,
            CheckpointResponder responder, Executor asyncExecutor, boolean unaligned) {
        this.unaligned = unaligned;
        this.descriptor = descriptor;
        this.operators = operators;
        this.partitions = partitions;
        this.responder = responder;
        this.asyncExecutor = asyncExecutor;
    }

    /**
     * Task thread: snapshot, forward the barrier (ahead of the queued output when unaligned), then
     * write and acknowledge asynchronously. A task with no input in flight (a source, a task whose
     * input ended, an aligned checkpoint) has nothing more to wait for.
     */
    void performCheckpoint(long checkpointId, long timestamp, SnapshotType type, String location, long alignmentNanos)
            throws Exception {
        performCheckpoint(checkpointId, timestamp, type, location, alignmentNanos,
                java.util.concurrent.CompletableFuture.completedFuture(java.util.Map.of()));
    }

    /** Task thread: an unaligned checkpoint whose input in-flight data follows through {@link #completeInFlightData}. */
    void performUnalignedCheckpoint(long checkpointId, long timestamp, String location) throws Exception {
        var inputs = new java.util.concurrent.CompletableFuture<java.util.Map<Integer, byte[]>>();
        pendingInputs.put(checkpointId, inputs);
        performCheckpoint(checkpointId, timestamp, SnapshotType.CHECKPOINT, location, 0, inputs);
    }

    /** Task thread: every barrier of the unaligned checkpoint arrived. */
    void completeInFlightData(long checkpointId, java.util.Map<Integer, byte[]> channels) {
        var inputs = pendingInputs.remove(checkpointId);
        if (inputs != null) {
            inputs.complete(channels);
        }
    }

    private void dropInFlightData(long checkpointId) {
        var inputs = pendingInputs.remove(checkpointId);
        if (inputs != null) {
            inputs.completeExceptionally(new IllegalStateException("checkpoint " + checkpointId + " was aborted"));
        }
    }

    private void performCheckpoint(long checkpointId, long timestamp, SnapshotType type, String location,
            long alignmentNanos, java.util.concurrent.CompletableFuture<java.util.Map<Integer, byte[]>> inputs)
            throws Exception {
        if (checkpointId <= lastPerformedId) {
            return;
        }
        lastPerformedId = checkpointId;
        long syncStart = System.nanoTime();
        List<OperatorSnapshot> snapshots = new ArrayList<>(operators.size());
        try {
            for (StreamOperator<?> operator : operators) {
                snapshots.add(operator.snapshotState(checkpointId, timestamp));
            }
        } catch (Exception e) {
            LOG.info("Task {} could not snapshot checkpoint {}", descriptor.taskName(), checkpointId, e);
            snapshots.forEach(OperatorSnapshot::release);
            dropInFlightData(checkpointId);
            broadcast(StreamElementCodec.cancelCheckpointEvent(checkpointId));
            responder.declineCheckpoint(descriptor.executionId(), checkpointId, e);
            return;
        }
        byte[] barrier = StreamElementCodec.barrierEvent(checkpointId, timestamp, type, location);
        List<OutputChannelData> outputs = new ArrayList<>();
        if (unaligned && !type.isSavepoint()) {
            for (int p = 0; p < partitions.size(); p++) {
                OvertakenData[] overtaken = partitions.get(p).broadcastPriorityEvent(barrier);
                for (int s = 0; s < overtaken.length; s++) {
                    if (!overtaken[s].isEmpty()) {
                        outputs.add(OutputChannelData.newBuilder().setPartition(p).setSubpartition(s)
                                .setData(ByteString.copyFrom(overtaken[s].bytes()))
                                .setContinuation(overtaken[s].continuation()).build());
                    }
                }
            }
        } else {
            broadcast(barrier);
        }
        long syncMillis = (System.nanoTime() - syncStart) / 1_000_000;
        inputs.whenComplete((inFlight, aborted) -> {
            if (aborted != null) {
                snapshots.forEach(OperatorSnapshot::release); // the abort declined it already
                return;
            }
            ChannelStateSnapshot channels = channelState(inFlight, outputs);
            try {
                asyncExecutor.execute(() -> writeAndAcknowledge(checkpointId, location, snapshots, channels, syncMillis,
                        alignmentNanos));
            } catch (RejectedExecutionException e) {
                // The TaskManager is shutting down; the checkpoint cannot complete without this task.
                snapshots.forEach(OperatorSnapshot::release);
            }
        });
    }

    private static ChannelStateSnapshot channelState(java.util.Map<Integer, byte[]> inputs, List<OutputChannelData> outputs) {
        if (inputs.isEmpty() && outputs.isEmpty()) {
            return null;
        }
        ChannelStateSnapshot.Builder channels = ChannelStateSnapshot.newBuilder().addAllOutputs(outputs);
        new java.util.TreeMap<>(inputs).forEach((channel, data) -> channels.addInputs(InputChannelData.newBuilder()
                .setChannel(channel).setData(ByteString.copyFrom(data))));
        return channels.build();
    }

    private void writeAndAcknowledge(long checkpointId, String location, List<OperatorSnapshot> snapshots,
            ChannelStateSnapshot channels, long syncMillis, long alignmentNanos) {
        long asyncStart = System.nanoTime();
        try {
            TaskStateSnapshot.Builder state = TaskStateSnapshot.newBuilder();
            long size = 0;
            ChannelStateHandle channelHandle = null;
            if (channels != null) {
                channelHandle = ChannelStateFiles.write(CheckpointPaths.channelStateFile(location,
                        descriptor.operatorIds().get(0), descriptor.subtaskIndex(), descriptor.attempt()), channels);
                size += channelHandle.getSize();
            }
            for (int i = 0; i < snapshots.size(); i++) {
                OperatorSnapshot snapshot = snapshots.get(i);
                boolean withChannels = i == 0 && channelHandle != null;
                if (snapshot.isEmpty() && !withChannels) {
                    continue;
                }
                String operatorId = descriptor.operatorIds().get(i);
                OperatorSubtaskState.Builder operatorState = OperatorSubtaskState.newBuilder()
                        .setOperatorId(operatorId).setSubtaskIndex(descriptor.subtaskIndex())
                        .addAllOperatorState(snapshot.operatorState());
                if (withChannels) {
                    operatorState.setChannelState(channelHandle);
                }
                if (snapshot.keyedState() != null && !snapshot.keyedState().isEmpty()) {
                    KeyGroupsStateHandle keyed = KeyedStateFiles.write(CheckpointPaths.keyedStateFile(location,
                            operatorId, descriptor.subtaskIndex(), descriptor.attempt()), snapshot.keyedState());
                    operatorState.addKeyedState(keyed);
                    size += keyed.getSize();
                }
                for (var list : snapshot.operatorState()) {
                    for (ByteString element : list.getElementsList()) {
                        size += element.size();
                    }
                }
                state.addOperators(operatorState);
            }
            responder.acknowledgeCheckpoint(AcknowledgeCheckpoint.newBuilder()
                    .setExecutionId(descriptor.executionId())
                    .setCheckpointId(checkpointId)
                    .setState(state)
                    .setStateSize(size)
                    .setSyncDurationMs(syncMillis)
                    .setAsyncDurationMs((System.nanoTime() - asyncStart) / 1_000_000)
                    .setAlignmentDurationMs(alignmentNanos / 1_000_000)
                    .build());
        } catch (Exception e) {
            LOG.info("Task {} could not write checkpoint {} to {}", descriptor.taskName(), checkpointId, location, e);
            responder.declineCheckpoint(descriptor.executionId(), checkpointId, e);
        } finally {
            snapshots.forEach(OperatorSnapshot::release);
        }
    }

    /**
     * Task thread: the checkpoint is off here (cancelled upstream, or superseded by a newer
     * barrier): downstream tasks must not wait for its barriers, and the coordinator should not
     * wait for this task's acknowledgement.
     */
    void abortCheckpoint(long checkpointId, String reason) throws Exception {
        dropInFlightData(checkpointId);
        broadcast(StreamElementCodec.cancelCheckpointEvent(checkpointId));
        responder.declineCheckpoint(descriptor.executionId(), checkpointId,
                new IllegalStateException("Task " + descriptor.taskName() + " dropped checkpoint " + checkpointId + ": "
                        + reason));
    }

    /** Task thread. */
    void notifyCheckpointComplete(long checkpointId) throws Exception {
        if (checkpointId <= lastCompletedId) {
            return;
        }
        lastCompletedId = checkpointId;
        for (StreamOperator<?> operator : operators) {
            operator.notifyCheckpointComplete(checkpointId);
        }
    }

    /** Task thread. */
    void notifyCheckpointAborted(long checkpointId) throws Exception {
        dropInFlightData(checkpointId);
        lastAbortedId = Math.max(lastAbortedId, checkpointId);
        for (StreamOperator<?> operator : operators) {
            operator.notifyCheckpointAborted(checkpointId);
        }
    }

    long lastPerformedId() {
        return lastPerformedId;
    }

    /** Whether every checkpoint this task took part in has completed or was aborted. */
    boolean allPerformedCheckpointsResolved() {
        return lastPerformedId < 0 || lastCompletedId >= lastPerformedId || lastAbortedId >= lastPerformedId;
    }

    /** Whether a checkpoint this task took after {@code afterId} has completed. */
    boolean completedCheckpointAfter(long afterId) {
        return lastCompletedId > afterId && lastPerformedId > afterId;
    }

    private void broadcast(byte[] event) throws Exception {
        for (ResultPartition partition : partitions) {
            partition.broadcastEvent(event);
        }
    }
}
