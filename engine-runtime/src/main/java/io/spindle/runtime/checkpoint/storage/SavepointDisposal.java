package io.spindle.runtime.checkpoint.storage;

import io.spindle.runtime.checkpoint.CheckpointStorage;
import io.spindle.util.HadoopFileSystems;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Deletes a savepoint or retained checkpoint that its owner no longer needs. */
public final class SavepointDisposal {
    private SavepointDisposal() {}

    /**
     * Deletes the savepoint at {@code path} (its directory or its _metadata file) with all its
     * files, once its metadata shows it is one: a mistyped path deletes nothing.
     */
    public static void dispose(String path) throws IOException {
        CheckpointMetadataFormat.read(path);
        Path given = new Path(path);
        Path directory = given.getName().equals(CheckpointStorage.METADATA_FILE_NAME) ? given.getParent() : given;
        FileSystem fs = HadoopFileSystems.forPath(directory);
        if (!fs.delete(directory, true)) {
            throw new IOException("Could not delete " + directory);
        }
    }
}
