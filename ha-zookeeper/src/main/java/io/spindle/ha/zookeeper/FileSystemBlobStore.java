package io.spindle.ha.zookeeper;

import io.spindle.ha.BlobStore;
import io.spindle.util.HadoopFileSystems;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Blobs at {@code <storageDir>/<cluster-id>/blob/job_<jobId>/<key>}. A blob is written under a
 * temporary name and renamed into place, so that a reader finds it whole or not at all.
 */
final class FileSystemBlobStore implements BlobStore {
    private final Path directory;

    FileSystemBlobStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public void put(String jobId, String key, java.nio.file.Path localFile) throws IOException {
        Path jobDirectory = jobDirectory(jobId);
        Path target = new Path(jobDirectory, key);
        FileSystem fs = HadoopFileSystems.forPath(target);
        if (fs.exists(target)) {
            return; // keys name content: the same key is the same blob
        }
        Path temporary = new Path(jobDirectory, "." + key + "." + UUID.randomUUID() + ".inprogress");
        try (OutputStream out = fs.create(temporary, false)) {
            Files.copy(localFile, out);
        }
        if (!fs.rename(temporary, target)) {
            fs.delete(temporary, false);
            if (!fs.exists(target)) {
                throw new IOException("Could not rename " + temporary + " to " + target);
            }
        }
    }

    @Override
    public boolean get(String jobId, String key, java.nio.file.Path localTarget) throws IOException {
        Path source = new Path(jobDirectory(jobId), key);
        try (InputStream in = HadoopFileSystems.forPath(source).open(source)) {
            Files.copy(in, localTarget, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (FileNotFoundException absent) {
            return false;
        }
    }

    @Override
    public void deleteAll(String jobId) throws IOException {
        Path jobDirectory = jobDirectory(jobId);
        HadoopFileSystems.forPath(jobDirectory).delete(jobDirectory, true);
    }

    private Path jobDirectory(String jobId) {
        return new Path(directory, "job_" + jobId);
    }
}
