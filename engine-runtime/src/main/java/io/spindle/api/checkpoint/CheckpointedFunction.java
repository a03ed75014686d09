package io.spindle.api.checkpoint;

/**
 * A function that keeps operator state of its own, such as a source's read position, and writes
 * it into checkpoints. {@link #initializeState} runs before {@code open()}, on a fresh start and
 * on a restore; {@link #snapshotState} runs in the task thread between two records whenever a
 * checkpoint is taken, so what it writes matches exactly the records emitted so far.
 */
public interface CheckpointedFunction {
    void snapshotState(FunctionSnapshotContext context) throws Exception;

    void initializeState(FunctionInitializationContext context) throws Exception;
}
