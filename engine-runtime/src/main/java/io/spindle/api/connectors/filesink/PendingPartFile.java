package io.spindle.api.connectors.filesink;

import org.apache.hadoop.fs.Path;

/**
 * A closed part file that waits for its checkpoint to complete before it is renamed to its final
 * name; one element of the sink's pending-files list state. It carries the subtask that wrote it,
 * because that state is union list state (see {@link FileSink}), and the length that tells a
 * committed file from another one of the same name.
 *
 * <p>The class name is written into checkpoints: renaming or moving it breaks restores.
 */
record PendingPartFile(long checkpointId, int subtaskIndex, String inProgressPath, String finalPath, long length) {
    Path inProgress() {
        return new Path(inProgressPath);
    }

    Path finalFile() {
        return new Path(finalPath);
    }
}
