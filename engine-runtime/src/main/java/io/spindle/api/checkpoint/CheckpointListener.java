package io.spindle.api.checkpoint;

/**
 * Told when a checkpoint that this function took part in completed or was aborted; two-phase
 * sinks commit on completion. Called in the task thread. A notification can be lost (the job
 * fails first): a newer checkpoint's completion then covers the older one, and a restore from a
 * checkpoint must commit what that checkpoint had pending.
 */
public interface CheckpointListener {
    void notifyCheckpointComplete(long checkpointId) throws Exception;

    default void notifyCheckpointAborted(long checkpointId) throws Exception {}
}
