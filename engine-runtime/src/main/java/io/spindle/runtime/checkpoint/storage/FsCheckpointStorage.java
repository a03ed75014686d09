package io.spindle.runtime.checkpoint.storage;

import io.spindle.runtime.checkpoint.CheckpointStorage;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.util.HadoopFileSystems;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints and savepoints of one job on any Hadoop file system ({@code hdfs://},
 * {@code file://}). The metadata is written to a hidden temporary name and renamed into place, so
 * that a reader finds either no {@code _metadata} or a whole one; it names the state files in its
 * own directory by relative paths, so the directory can be copied elsewhere and restored there.
 */
public final class FsCheckpointStorage implements CheckpointStorage {
    private final String checkpointsDirectory;
    private final String defaultSavepointDirectory;
    private final String jobId;
    /** Once set, deleting the last checkpoint directory also deletes the job's directory. */
    private volatile boolean jobEnded;

    /**
     * @param checkpointsDirectory null when the job takes no periodic checkpoints
     * @param defaultSavepointDirectory where savepoints go that name no directory; may be null
     */
    public FsCheckpointStorage(String checkpointsDirectory, String defaultSavepointDirectory, String jobId) {
        this.checkpointsDirectory = checkpointsDirectory;
        this.defaultSavepointDirectory = defaultSavepointDirectory;
        this.jobId = jobId;
    }

    @Override
    public String initializeCheckpointLocation(long checkpointId) throws IOException {
        if (jobEnded) {
            throw new IOException("Job " + jobId + " has ended; no checkpoint " + checkpointId + " is started for it");
        }
        if (checkpointsDirectory == null) {
            throw new IOException("Job " + jobId + " has no checkpoint directory: set "
                    + CheckpointingOptions.DIRECTORY.key());
        }
        return createDirectory(CheckpointPaths.checkpointDirectory(checkpointsDirectory, jobId, checkpointId));
    }

    @Override
    public String initializeSavepointLocation(long checkpointId, String targetDirectoryOrNull) throws IOException {
        String target = targetDirectoryOrNull != null && !targetDirectoryOrNull.isBlank()
                ? targetDirectoryOrNull : defaultSavepointDirectory;
        if (target == null || target.isBlank()) {
            throw new IOException("No directory for the savepoint of job " + jobId + ": name one (spindle savepoint "
                    + jobId + " <directory>, or target-directory in the REST request) or set "
                    + CheckpointingOptions.SAVEPOINT_DIRECTORY.key());
        }
        return createDirectory(CheckpointPaths.savepointDirectory(target, jobId));
    }

    private static String createDirectory(Path directory) throws IOException {
        FileSystem fs = HadoopFileSystems.forPath(directory);
        if (!fs.mkdirs(directory)) {
            throw new IOException("Could not create the directory " + directory);
        }
        return fs.makeQualified(directory).toString();
    }

    @Override
    public void writeMetadata(String location, CheckpointMetadata metadata) throws IOException {
        Path target = new Path(location, METADATA_FILE_NAME);
        Path temporary = new Path(location, "." + METADATA_FILE_NAME + ".inprogress");
        FileSystem fs = HadoopFileSystems.forPath(target);
        try (OutputStream out = fs.create(temporary, true)) {
            CheckpointMetadataFormat.write(CheckpointMetadataFormat.relativeTo(fs.makeQualified(new Path(location)), metadata),
                    out);
        }
        if (!fs.rename(temporary, target)) {
            throw new IOException("Could not rename " + temporary + " to " + target);
        }
    }

    @Override
    public void discard(String location) throws IOException {
        Path directory = new Path(location);
        try {
            HadoopFileSystems.forPath(directory).delete(directory, true);
        } catch (FileNotFoundException alreadyGone) {
            // Nothing left to delete.
        }
        if (jobEnded) {
            discardJobDirectoryIfEmpty();
        }
    }

    /**
     * The job is over: no checkpoint directory is created any more, and the job's directory goes
     * with its last checkpoint directory.
     */
    public void markJobEnded() {
        jobEnded = true;
    }

    /**
     * Deletes the job's unfinished checkpoint directories (no {@code _metadata}: a trigger that
     * was in flight when the job ended), then the job's directory if nothing is left in it.
     * Retained checkpoints, which have their metadata, stay.
     */
    public void discardJobDirectoryIfEmpty() throws IOException {
        if (checkpointsDirectory == null) {
            return; // no periodic checkpoints, no job directory
        }
        Path directory = CheckpointPaths.jobDirectory(checkpointsDirectory, jobId);
        FileSystem fs = HadoopFileSystems.forPath(directory);
        try {
            for (org.apache.hadoop.fs.FileStatus child : fs.listStatus(directory)) {
                if (child.isDirectory() && !fs.exists(new Path(child.getPath(), METADATA_FILE_NAME))) {
                    fs.delete(child.getPath(), true);
                }
            }
            if (fs.listStatus(directory).length == 0) {
                fs.delete(directory, false);
            }
        } catch (FileNotFoundException alreadyGone) {
            // Nothing to delete.
        }
    }
}
