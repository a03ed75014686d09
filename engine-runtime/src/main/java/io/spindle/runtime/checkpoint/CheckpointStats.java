package io.spindle.runtime.checkpoint;

/**
 * What the REST API shows of one checkpoint or savepoint. Immutable: the tracker replaces it as
 * the checkpoint progresses. Timestamps are epoch milliseconds, -1 where there is none yet.
 *
 * @param stateSize bytes acknowledged so far; for a completed checkpoint, the state its metadata
 *     refers to (including what finished tasks carried over)
 * @param endToEndDurationMillis from the trigger to completion, failure, or (while in progress)
 *     the latest acknowledgement
 * @param numSubtasks tasks that have to acknowledge
 * @param externalPath the checkpoint's directory once it completed, else null
 */
public record CheckpointStats(long checkpointId, Status status, boolean savepoint, long triggerTimestamp,
        long latestAckTimestamp, long stateSize, long endToEndDurationMillis, int numSubtasks,
        int numAcknowledgedSubtasks, String externalPath, String failureMessage, long failureTimestamp) {

    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    static CheckpointStats inProgress(long checkpointId, boolean savepoint, long triggerTimestamp, int numSubtasks) {
        return new CheckpointStats(checkpointId, Status.IN_PROGRESS, savepoint, triggerTimestamp, -1, 0, 0,
                numSubtasks, 0, null, null, -1);
    }

    CheckpointStats acknowledged(long ackTimestamp, long stateSize, int numAcknowledged) {
        return new CheckpointStats(checkpointId, status, savepoint, triggerTimestamp, ackTimestamp, stateSize,
                Math.max(0, ackTimestamp - triggerTimestamp), numSubtasks, numAcknowledged, null, null, -1);
    }

    CheckpointStats completed(long completionTimestamp, long stateSize, String externalPath) {
        return new CheckpointStats(checkpointId, Status.COMPLETED, savepoint, triggerTimestamp,
                latestAckTimestamp, stateSize, Math.max(0, completionTimestamp - triggerTimestamp), numSubtasks,
                numAcknowledgedSubtasks, externalPath, null, -1);
    }

    CheckpointStats failed(long failureTimestamp, String failureMessage) {
        return new CheckpointStats(checkpointId, Status.FAILED, savepoint, triggerTimestamp, latestAckTimestamp,
                stateSize, Math.max(0, failureTimestamp - triggerTimestamp), numSubtasks, numAcknowledgedSubtasks,
                null, failureMessage, failureTimestamp);
    }
}
