package io.spindle.api.checkpoint;

import java.util.OptionalLong;

/** Where a {@link CheckpointedFunction} finds its operator state, restored or new. */
public interface FunctionInitializationContext {
    /** True when the job restarted from a checkpoint or savepoint (even if it held nothing for this function). */
    boolean isRestored();

    /** The id of the checkpoint restored from, when {@link #isRestored()}. */
    OptionalLong getRestoredCheckpointId();

    OperatorStateStore getOperatorStateStore();
}
