package io.spindle.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's own directory for files that die with it ({@code <base>/<prefix><id>/}): a
 * TaskManager's jars and cached files, a JobManager's blobs and uploads. The process holds a lock
 * on a file inside for as long as it lives, so that a process killed with {@code kill -9}, whose
 * directory nothing deleted, is found by the next one that starts: its lock can be taken, and
 * {@link #sweepAbandoned} deletes it.
 */
public final class ProcessWorkingDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorkingDirectory.class);
    static final String LOCK_FILE = ".process.lock";
    /** A directory without a lock file younger than this may be one still being made. */
    private static final Duration UNLOCKED_GRACE = Duration.ofMinutes(10);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ProcessWorkingDirectory(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates (or takes over) {@code <base>/<prefix><id>} and locks it for this process. */
    public static ProcessWorkingDirectory create(Path base, String prefix, String id) throws IOException {
        Path directory = Files.createDirectories(base.resolve(prefix + id.replaceAll("[^A-Za-z0-9._-]", "_")));
        FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("The working directory " + directory + " belongs to another live process");
            }
            return new ProcessWorkingDirectory(directory, channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            channel.close();
            throw e instanceof IOException io ? io
                    : new IOException("The working directory " + directory + " is in use in this JVM already", e);
        }
    }

    public Path path() {
        return directory;
    }

    /**
     * Deletes the directories {@code <base>/<prefix>*} of processes that are gone: their lock is
     * free. Live processes, in this JVM or another, keep theirs. Returns how many went.
     */
    public static int sweepAbandoned(Path base, String prefix) {
        int swept = 0;
        if (!Files.isDirectory(base)) {
            return 0;
        }
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(base, prefix + "*")) {
            for (Path candidate : candidates) {
                if (Files.isDirectory(candidate) && isAbandoned(candidate)) {
                    FileUtils.deleteQuietly(candidate);
                    swept++;
                    LOG.info("Deleted {}: the process it belonged to is gone", candidate);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not look for abandoned working directories in {}: {}", base, e.toString());
        }
        return swept;
    }

    private static boolean isAbandoned(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        try {
            if (!Files.exists(lockFile)) {
                return Files.getLastModifiedTime(directory).toInstant().isBefore(Instant.now().minus(UNLOCKED_GRACE));
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock probe = channel.tryLock();
                if (probe == null) {
                    return false; // another process holds it
                }
                probe.release();
                return true;
            }
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false;
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Releases the lock and deletes the directory. */
    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("Releasing the lock of {} failed", directory, e);
        }
        FileUtils.deleteQuietly(directory);
    }
}
