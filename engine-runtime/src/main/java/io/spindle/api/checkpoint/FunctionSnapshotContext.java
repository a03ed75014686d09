package io.spindle.api.checkpoint;

/** The checkpoint being taken. */
public interface FunctionSnapshotContext {
    long getCheckpointId();

    long getCheckpointTimestamp();
}
