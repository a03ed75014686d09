package io.spindle.runtime.checkpoint.storage;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.Path;

/**
 * The layout of checkpoints in their file system: {@code <dir>/<jobId>/chk-<n>/}, state files
 * inside; savepoints: {@code <dir>/savepoint-<job>-<random>/}.
 */
public final class CheckpointPaths {
    public static final String CHECKPOINT_PREFIX = "chk-";

    private CheckpointPaths() {}

    public static Path jobDirectory(String checkpointsDirectory, String jobId) {
        return new Path(checkpointsDirectory, jobId);
    }

    public static Path checkpointDirectory(String checkpointsDirectory, String jobId, long checkpointId) {
        return new Path(jobDirectory(checkpointsDirectory, jobId), CHECKPOINT_PREFIX + checkpointId);
    }

    /** A new savepoint's directory in {@code targetDirectory}: {@code savepoint-<first 6 of the job id>-<random>}, as Flink names them. */
    public static Path savepointDirectory(String targetDirectory, String jobId) {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return new Path(targetDirectory, "savepoint-" + jobId.substring(0, Math.min(6, jobId.length())) + "-" + HexFormat.of().formatHex(random));
    }

    /** The keyed-state file of one operator instance; the attempt keeps a late zombie's file apart. */
    /** The in-flight data of an unaligned checkpoint's task instance, named after its head operator. */
    public static Path channelStateFile(String location, String headOperatorId, int subtaskIndex, int attempt) {
        return new Path(location, "channels-" + headOperatorId + "-" + subtaskIndex + "-" + attempt);
    }

    public static Path keyedStateFile(String location, String operatorId, int subtaskIndex, int attempt) {
        return new Path(location, "op-" + operatorId + "-" + subtaskIndex + "-" + attempt);
    }
}
