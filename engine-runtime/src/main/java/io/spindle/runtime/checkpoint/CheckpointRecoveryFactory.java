package io.spindle.runtime.checkpoint;

/**
 * Makes a job's checkpoint store and id counter: in memory without HA, backed by ZooKeeper with
 * it, where a new JobMaster finds what an earlier leader's retained and goes on counting from there.
 */
public interface CheckpointRecoveryFactory {

    /**
     * The store of a job's completed checkpoints, holding what an earlier leader retained; used
     * on the JobMaster's main thread and its checkpoint I/O thread.
     */
    CompletedCheckpointStore createCompletedCheckpointStore(String jobId, int maxRetained) throws Exception;

    /** The checkpoint-id counter of a job, which goes on where an earlier leader's stopped. */
    CheckpointIdCounter createCheckpointIdCounter(String jobId) throws Exception;
}
