package io.spindle.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores shared by the components that keep temporary directories. */
public final class FileUtils {
    private FileUtils() {}

    /**
     * Deletes a directory and everything in it, as far as it can: these are temporary files, so a
     * file that cannot be deleted is left for the OS's temp cleaning rather than failing a shutdown.
     */
    public static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // See above: best effort.
        }
    }

    /**
     * Deletes a directory and everything in it, failing if something cannot be deleted: for
     * cleanups that retry and report what is left. A missing directory is no error.
     */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (java.nio.file.NoSuchFileException alreadyGone) {
            // Deleted while walking it: what is gone needs no deleting.
        }
    }
}
