package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.util.HadoopFileSystems;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code <storageDir>/<cluster-id>/}: where the job graphs and blobs that ZooKeeper points to
 * are kept, on a file system every JobManager reaches. Checked at start, so that a wrong path
 * fails the JobManager at once rather than the first job submission.
 */
final class HaStorageDirectory {
    private final Path clusterDirectory;

    private HaStorageDirectory(Path clusterDirectory) {
        this.clusterDirectory = clusterDirectory;
    }

    /** Creates the cluster's directory and probes that it is writable. */
    static HaStorageDirectory create(Configuration configuration) throws IOException {
        String storageDir = configuration.get(HighAvailabilityOptions.STORAGE_DIR);
        if (storageDir == null || storageDir.isBlank()) {
            throw new IllegalConfigurationException("ZooKeeper high availability needs a directory for job graphs"
                    + " and jars that every JobManager reaches: set " + HighAvailabilityOptions.STORAGE_DIR.key()
                    + " (e.g. hdfs:///spindle/ha)");
        }
        String clusterId = ZooKeeperPaths.namespace("", configuration.get(HighAvailabilityOptions.CLUSTER_ID));
        Path base = HadoopFileSystems.parse(storageDir.trim(), HighAvailabilityOptions.STORAGE_DIR.key());
        Path directory = clusterId.isEmpty() ? base : new Path(base, clusterId);
        Path probe = new Path(directory, ".probe-" + UUID.randomUUID());
        try {
            FileSystem fs = HadoopFileSystems.forPath(directory);
            if (!fs.mkdirs(directory)) {
                throw new IOException("mkdirs returned false");
            }
            try (OutputStream out = fs.create(probe, false)) {
                out.write(1);
            }
            fs.delete(probe, false);
            return new HaStorageDirectory(fs.makeQualified(directory));
        } catch (IOException e) {
            throw new IOException("The HA storage directory " + directory + " (" + HighAvailabilityOptions.STORAGE_DIR.key()
                    + ") is not writable: " + e, e);
        }
    }

    /**
     * A directory below the cluster's. Not touched here: the first file written creates it, so
     * that a new leader takes up leadership, and finishes cleanups the job-result store names,
     * while the file system is out of reach.
     */
    Path subdirectory(String name) {
        return new Path(clusterDirectory, name);
    }
}
