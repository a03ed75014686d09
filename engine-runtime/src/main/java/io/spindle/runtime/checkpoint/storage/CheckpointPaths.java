package io.spindle.runtime.checkpoint.storage;

import org.apache.hadoop.fs.Path;

/** The layout of checkpoints in their file system: {@code <dir>/<jobId>/chk-<n>/}, state files inside. */
public final class CheckpointPaths {
    public static final String CHECKPOINT_PREFIX = "chk-";

    private CheckpointPaths() {}

    public static Path jobDirectory(String checkpointsDirectory, String jobId) {
        return new Path(checkpointsDirectory, jobId);
    }

    public static Path checkpointDirectory(String checkpointsDirectory, String jobId, long checkpointId) {
        return new Path(jobDirectory(checkpointsDirectory, jobId), CHECKPOINT_PREFIX + checkpointId);
    }

    /** The keyed-state file of one operator instance; the attempt keeps a late zombie's file apart. */
    public static Path keyedStateFile(String location, String operatorId, int subtaskIndex, int attempt) {
        return new Path(location, "op-" + operatorId + "-" + subtaskIndex + "-" + attempt);
    }
}
