package io.spindle.api.connectors.filesink;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * The one part file a bucket writes at a time, under its hidden in-progress name. Closing it for
 * commit makes its bytes durable ({@code hsync}, then {@code close}) and fixes its length; it then
 * waits, closed, to be renamed to {@link #finalPath()}.
 */
final class InProgressPart implements PartFileInfo {
    private final String bucketId;
    private final Path inProgressPath;
    private final Path finalPath;
    private final long creationTime;
    private long lastUpdateTime;
    private FSDataOutputStream out;
    private long closedLength = -1;

    private InProgressPart(String bucketId, Path inProgressPath, Path finalPath, FSDataOutputStream out, long now) {
        this.bucketId = bucketId;
        this.inProgressPath = inProgressPath;
        this.finalPath = finalPath;
        this.out = out;
        this.creationTime = now;
        this.lastUpdateTime = now;
    }

    /**
     * Creates the in-progress file (and its bucket directory); fails if it exists, which only a
     * uuid collision could cause.
     */
    static InProgressPart create(FileSystem fileSystem, Path basePath, String bucketId, Path inProgressPath,
            Path finalPath, long now) throws IOException {
        FSDataOutputStream out;
        try {
            out = fileSystem.create(inProgressPath, false);
        } catch (IOException e) {
            throw new IOException("FileSink could not create the part file " + inProgressPath + " below its base path "
                    + basePath + ": " + e.getMessage() + ". Check that the user running the job may write there"
                    + " (on HDFS: the directory's owner and permissions, and quotas), or choose another base path.", e);
        }
        return new InProgressPart(bucketId, inProgressPath, finalPath, out, now);
    }

    <IN> void write(IN element, Encoder<IN> encoder, long now) throws IOException {
        encoder.encode(element, out);
        lastUpdateTime = now;
    }

    /** Syncs and closes the file; afterwards {@link #getSize()} is its final length. */
    void closeForCommit() throws IOException {
        try {
            out.hsync();
            closedLength = out.getPos();
            out.close();
            out = null;
        } finally {
            closeQuietly();
        }
    }

    /** Closes after a failure or cancellation; the file stays behind for the restore to delete. */
    void closeQuietly() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // The job's own error is what matters; the restore deletes this file.
        } finally {
            out = null;
        }
    }

    Path inProgressPath() {
        return inProgressPath;
    }

    Path finalPath() {
        return finalPath;
    }

    @Override
    public String getBucketId() {
        return bucketId;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastUpdateTime() {
        return lastUpdateTime;
    }

    @Override
    public long getSize() {
        return out != null ? out.getPos() : closedLength;
    }
}
