package io.spindle.api.connectors.filesink;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The file-system half of the sink's two phases: commits pending part files by renaming them
 * (atomic on HDFS and on local file systems), so that a reader sees a part file whole or not at
 * all, and on a restore deletes what a failed attempt left in progress.
 */
final class PartFileCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(PartFileCommitter.class);

    private final FileSystem fileSystem;

    PartFileCommitter(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    /**
     * Renames {@code inProgress} to {@code target}. Idempotent, since a restore commits again what
     * the completion notification may already have committed: when the source is gone and the
     * target has the recorded length, the file was committed before.
     */
    void commit(Path inProgress, Path target, long length) throws IOException {
        FileStatus source = statusOrNull(inProgress);
        FileStatus existing = statusOrNull(target);
        if (source != null) {
            if (existing != null) {
                throw new IOException("FileSink cannot commit " + inProgress + ": its final name " + target
                        + " exists already, written by someone else. Another job (or another sink of this job) writes"
                        + " the same base path with the same part prefix; give each its own base path or prefix"
                        + " (withOutputFileConfig).");
            }
            if (!fileSystem.rename(inProgress, target)) {
                throw new IOException("FileSink could not rename " + inProgress + " to " + target
                        + " to commit it; check that the directory is still writable and the file system healthy");
            }
            return;
        }
        if (existing != null && existing.getLen() == length) {
            return;
        }
        // Failing would only make every restart fail the same way; the records are gone either way.
        LOG.warn("FileSink cannot commit {}: it is gone, and {} {}. Its {} bytes are missing from the output; this"
                + " happens when a job restores from an old checkpoint whose files were removed meanwhile.",
                inProgress, target, existing == null ? "does not exist" : "has " + existing.getLen() + " bytes", length);
    }

    /**
     * The first counter from {@code counter} on whose final name is free in {@code bucketDirectory}:
     * a job started afresh (not restored) over the output of an earlier run must not clash with it.
     */
    long firstFreeCounter(Path bucketDirectory, PartFileNames names, long counter) throws IOException {
        long free = counter;
        while (fileSystem.exists(new Path(bucketDirectory, names.finalName(free)))) {
            free++;
        }
        return free;
    }

    /**
     * Deletes the in-progress files below {@code basePath} that this sink's subtasks accepted by
     * {@code ownSubtasks} wrote and that {@code referencedNames} (the in-progress file names all
     * subtasks' restored state still commits) does not hold: a failed attempt wrote them after the
     * checkpoint restored from. Needs no truncation: row-format files roll at every checkpoint, so
     * whatever was in progress after it is discarded whole and written again from the replay.
     *
     * @return a counter above those of the deleted files, so that no name is written twice
     */
    long deleteOrphans(Path basePath, PartFileNames names, IntPredicate ownSubtasks, Set<String> referencedNames)
            throws IOException {
        long nextCounter = 0;
        Deque<Path> directories = new ArrayDeque<>(List.of(basePath));
        while (!directories.isEmpty()) {
            for (FileStatus child : listOrEmpty(directories.pop())) {
                Path file = child.getPath();
                if (child.isDirectory()) {
                    directories.push(file);
                    continue;
                }
                PartFileNames.InProgressName parsed = names.parseInProgress(file.getName());
                if (parsed == null || !ownSubtasks.test(parsed.subtaskIndex()) || referencedNames.contains(file.getName())) {
                    continue;
                }
                if (fileSystem.delete(file, false)) {
                    LOG.info("FileSink deleted {}, left in progress by a failed attempt after the restored checkpoint", file);
                }
                nextCounter = Math.max(nextCounter, parsed.counter() + 1);
            }
        }
        return nextCounter;
    }

    /**
     * Plain listings, not {@code listFiles}: on the local file system that reads every file's
     * permissions, and fails when another subtask deletes or renames one of its files meanwhile.
     */
    private FileStatus[] listOrEmpty(Path directory) throws IOException {
        try {
            return fileSystem.listStatus(directory);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
    }

    private FileStatus statusOrNull(Path path) throws IOException {
        try {
            return fileSystem.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }
}
