package io.spindle.runtime.checkpoint;

import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import java.io.IOException;

/**
 * Where a job's checkpoints and savepoints go: one directory per checkpoint, its tasks' state
 * files inside, and a {@value #METADATA_FILE_NAME} file written last, so that a directory without
 * it is an unfinished checkpoint and is never restored.
 */
public interface CheckpointStorage {
    String METADATA_FILE_NAME = "_metadata";

    /** Creates the directory of a checkpoint and returns its path (as tasks and the metadata name it). */
    String initializeCheckpointLocation(long checkpointId) throws IOException;

    /**
     * Creates the directory of a savepoint in {@code targetDirectoryOrNull}, or in the default
     * savepoint directory when null, and returns its path.
     *
     * @throws IOException also when neither names a directory, saying how to name one
     */
    String initializeSavepointLocation(long checkpointId, String targetDirectoryOrNull) throws IOException;

    /** Writes the metadata of a complete checkpoint into its directory, atomically visible. */
    void writeMetadata(String location, CheckpointMetadata metadata) throws IOException;

    /** Deletes a checkpoint's directory and everything in it; a missing directory is no error. */
    void discard(String location) throws IOException;
}
