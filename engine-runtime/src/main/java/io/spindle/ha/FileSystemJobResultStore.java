package io.spindle.ha;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.util.HadoopFileSystems;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job-result store on a Hadoop file system, laid out as Flink's: {@code <jobId>_DIRTY.json}
 * while a job's cleanup is not done, renamed to {@code <jobId>.json} or deleted (as
 * {@link JobResultStoreOptions#DELETE_ON_COMMIT} says) once it is. An entry is written to a
 * hidden file and renamed into place, so that a reader never sees half of one.
 */
public final class FileSystemJobResultStore implements JobResultStore {
    private static final String DIRTY_SUFFIX = "_DIRTY.json";
    private static final String CLEAN_SUFFIX = ".json";

    private final FileSystem fileSystem;
    private final Path directory;
    private final boolean deleteOnCommit;

    private FileSystemJobResultStore(FileSystem fileSystem, Path directory, boolean deleteOnCommit) {
        this.fileSystem = fileSystem;
        this.directory = directory;
        this.deleteOnCommit = deleteOnCommit;
    }

    /**
     * The store at {@link JobResultStoreOptions#STORAGE_PATH}, by default
     * {@code <high-availability.storageDir>/job-result-store/<cluster-id>}; its directory is created.
     */
    public static FileSystemJobResultStore create(Configuration configuration) throws IOException {
        Path directory = directory(configuration);
        try {
            FileSystem fileSystem = HadoopFileSystems.forPath(directory);
            if (!fileSystem.mkdirs(directory)) {
                throw new IOException("mkdirs returned false");
            }
            return new FileSystemJobResultStore(fileSystem, fileSystem.makeQualified(directory),
                    configuration.get(JobResultStoreOptions.DELETE_ON_COMMIT));
        } catch (IOException e) {
            throw new IOException("Cannot create the job-result store's directory " + directory + ": " + e.getMessage()
                    + " (set " + JobResultStoreOptions.STORAGE_PATH.key() + " or " + HighAvailabilityOptions.STORAGE_DIR.key()
                    + " to a directory every JobManager may write)", e);
        }
    }

    private static Path directory(Configuration configuration) {
        String configured = configuration.get(JobResultStoreOptions.STORAGE_PATH);
        if (configured != null && !configured.isBlank()) {
            return HadoopFileSystems.parse(configured.trim(), JobResultStoreOptions.STORAGE_PATH.key());
        }
        String storageDir = configuration.get(HighAvailabilityOptions.STORAGE_DIR);
        if (storageDir == null || storageDir.isBlank()) {
            throw new IllegalConfigurationException("The job-result store needs a directory: set "
                    + JobResultStoreOptions.STORAGE_PATH.key() + " or " + HighAvailabilityOptions.STORAGE_DIR.key());
        }
        String clusterId = configuration.get(HighAvailabilityOptions.CLUSTER_ID).replaceAll("^/+|/+$", "");
        Path base = new Path(HadoopFileSystems.parse(storageDir.trim(), HighAvailabilityOptions.STORAGE_DIR.key()),
                "job-result-store");
        return clusterId.isEmpty() ? base : new Path(base, clusterId);
    }

    /** The directory the entries are in. */
    public Path directory() {
        return directory;
    }

    @Override
    public void createDirtyResult(JobResultMessage result) throws IOException {
        String jobId = result.getJobId();
        if (find(jobId).isPresent()) {
            throw new IllegalStateException("Job " + jobId + " has a result already in " + directory);
        }
        Path hidden = new Path(directory, "." + jobId + "-" + UUID.randomUUID() + ".tmp");
        try (OutputStream out = fileSystem.create(hidden, false)) {
            out.write(JobResultJson.write(result));
        }
        if (!fileSystem.rename(hidden, dirty(jobId))) {
            fileSystem.delete(hidden, false);
            throw new IOException("Could not rename " + hidden + " to " + dirty(jobId));
        }
    }

    @Override
    public String location(String jobId) {
        return dirty(jobId).toString();
    }

    @Override
    public void markResultAsClean(String jobId) throws IOException {
        Path dirty = dirty(jobId);
        if (!fileSystem.exists(dirty)) {
            return;
        }
        if (deleteOnCommit) {
            fileSystem.delete(dirty, false);
        } else if (!fileSystem.rename(dirty, clean(jobId))) {
            throw new IOException("Could not rename " + dirty + " to " + clean(jobId));
        }
    }

    @Override
    public Optional<JobResultEntry> find(String jobId) throws IOException {
        Optional<JobResultMessage> dirty = read(dirty(jobId));
        if (dirty.isPresent()) {
            return Optional.of(new JobResultEntry(dirty.get(), false));
        }
        return read(clean(jobId)).map(result -> new JobResultEntry(result, true));
    }

    @Override
    public List<JobResultEntry> getEntries() throws IOException {
        List<JobResultEntry> entries = new ArrayList<>();
        for (FileStatus file : fileSystem.listStatus(directory)) {
            String name = file.getPath().getName();
            if (name.startsWith(".")) {
                continue; // an entry being written
            }
            if (name.endsWith(DIRTY_SUFFIX)) {
                read(file.getPath()).ifPresent(result -> entries.add(new JobResultEntry(result, false)));
            } else if (name.endsWith(CLEAN_SUFFIX)) {
                read(file.getPath()).ifPresent(result -> entries.add(new JobResultEntry(result, true)));
            }
        }
        return entries;
    }

    private Optional<JobResultMessage> read(Path file) throws IOException {
        try (InputStream in = fileSystem.open(file)) {
            return Optional.of(JobResultJson.read(in.readAllBytes(), file));
        } catch (FileNotFoundException absent) {
            return Optional.empty();
        }
    }

    private Path dirty(String jobId) {
        return new Path(directory, jobId + DIRTY_SUFFIX);
    }

    private Path clean(String jobId) {
        return new Path(directory, jobId + CLEAN_SUFFIX);
    }
}
