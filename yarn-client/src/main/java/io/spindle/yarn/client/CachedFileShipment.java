package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.graph.JobGraph;
import io.spindle.runtime.filecache.FileCache;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's cached files ({@code pipeline.cached-files}) on their way to YARN. A TaskManager reads
 * a local path (no scheme, or {@code file:}) from its own disk, where a file of the client's
 * machine is not, so such files, and directories, are uploaded to the application's staging
 * directory and the job's configuration is pointed at the copies; paths on a shared FileSystem
 * ({@code hdfs://...}) are left as they are. The staging directory's removal at cluster shutdown
 * removes the copies. Holds no state.
 */
final class CachedFileShipment {
    /** Where a per-job cluster's copies go, inside its staging directory. */
    static final String PER_JOB_DIRECTORY = "cached-files";
    /** Where a session's copies go: {@code jobs/<job id>/} inside the session's staging directory. */
    static final String SESSION_JOBS_DIRECTORY = YarnDeploymentConstants.SESSION_JOB_FILES_DIRECTORY;

    private CachedFileShipment() {}

    /** The job's cached files on this machine, by name, as absolute paths; empty when there are none. */
    static Map<String, java.nio.file.Path> localFiles(Configuration jobConfiguration) throws ClusterDeploymentException {
        Map<String, String> pathsByName;
        try {
            pathsByName = FileCache.parse(jobConfiguration.get(CoreOptions.CACHED_FILES));
        } catch (IllegalArgumentException e) {
            throw new ClusterDeploymentException("The job's " + CoreOptions.CACHED_FILES.key() + " cannot be read: "
                    + e.getMessage() + ". Register cached files with StreamEnvironment.registerCachedFile(path, name).", e);
        }
        Map<String, java.nio.file.Path> local = new LinkedHashMap<>();
        pathsByName.forEach((name, path) -> {
            URI uri = new Path(path).toUri();
            if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
                local.put(name, java.nio.file.Path.of(uri.getPath()).toAbsolutePath().normalize());
            }
        });
        return local;
    }

    /** Fails, naming the file, when a local cached file does not exist; called before anything is created. */
    static void checkExist(Map<String, java.nio.file.Path> localFiles) throws ClusterDeploymentException {
        for (Map.Entry<String, java.nio.file.Path> file : localFiles.entrySet()) {
            if (!Files.exists(file.getValue())) {
                throw new ClusterDeploymentException("The cached file '" + file.getKey() + "' (" + file.getValue()
                        + ", registered with registerCachedFile) does not exist on this machine, so it cannot be "
                        + "shipped to the YARN cluster: create it, or register a path the cluster can read (hdfs://...).");
            }
        }
    }

    /**
     * Uploads each local cached file (a directory with all it holds) to {@code directory/<name>}
     * and returns a copy of the job graph whose configuration names the uploaded copies; the
     * graph itself when it has no local cached file.
     */
    static JobGraph upload(JobGraph jobGraph, Map<String, java.nio.file.Path> localFiles, FileSystem fileSystem,
            Path directory) throws IOException {
        if (localFiles.isEmpty()) {
            return jobGraph;
        }
        Map<String, String> pathsByName = new LinkedHashMap<>(
                FileCache.parse(jobGraph.getConfiguration().get(CoreOptions.CACHED_FILES)));
        for (Map.Entry<String, java.nio.file.Path> file : localFiles.entrySet()) {
            Path target = fileSystem.makeQualified(new Path(directory, file.getKey()));
            fileSystem.copyFromLocalFile(false, true, new Path(file.getValue().toUri()), target);
            pathsByName.put(file.getKey(), target.toString());
        }
        Configuration configuration = new Configuration(jobGraph.getConfiguration());
        configuration.setString(CoreOptions.CACHED_FILES.key(), FileCache.format(pathsByName));
        return new JobGraph(jobGraph.getJobId(), jobGraph.getName(), jobGraph.getVertices(), jobGraph.getEdges(),
                configuration, jobGraph.getUserJars());
    }
}
