package io.spindle.yarn.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;

/**
 * Spindle's jars where {@code yarn.provided.lib.dirs} names them on the cluster's file system,
 * all PUBLIC resources the NodeManagers download once and keep cached. A flat directory on a file
 * system whose directory times follow their entries (HDFS and the local one: creating, replacing
 * or removing a file changes it) is one resource, so a container gets one link to it rather than
 * one per jar (each link is a process the launch script starts, some 10 ms apiece on a busy
 * node). Otherwise (subdirectories, or an object store's made-up directory times, with which the
 * NodeManager would keep a stale copy) each file is a resource of its own. The jars go on the
 * class path one by one, in the listing's order, so that every container of a node has the same
 * class path.
 */
final class ProvidedLib {
    static final String LINK_PREFIX = "provided-lib-";
    /** File systems whose directory modification times change with the directories' entries. */
    private static final Set<String> DIRECTORY_TIMES_FOLLOW_ENTRIES = Set.of("hdfs", "viewfs", "file");

    /**
     * A provided directory as a container sees it: the directory as one resource (its link name
     * the prefix of its files), or, where {@code whole} is null, its files one by one.
     */
    record Directory(ShippedFile whole, List<ShippedFile> files) {
        List<ShippedFile> resources() {
            return whole != null ? List.of(whole) : files;
        }

        List<String> classpathEntries() {
            return files.stream().map(ShippedFile::name).filter(name -> name.endsWith(".jar"))
                    .map(name -> whole != null ? whole.name() + '/' + name : name).toList();
        }
    }

    private final List<Directory> directories;

    private ProvidedLib(List<Directory> directories) {
        this.directories = directories;
    }

    static ProvidedLib list(List<String> directories, Configuration hadoopConfiguration)
            throws ClusterDeploymentException, IOException {
        List<Directory> listed = new ArrayList<>();
        for (String directory : directories) {
            Path path = new Path(directory);
            FileSystem fileSystem = path.getFileSystem(hadoopConfiguration);
            FileStatus status;
            try {
                status = fileSystem.getFileStatus(fileSystem.makeQualified(path));
            } catch (FileNotFoundException e) {
                throw new ClusterDeploymentException("The provided lib dir " + directory
                        + " (yarn.provided.lib.dirs) does not exist: put Spindle's lib jars there first, or fix the key.", e);
            }
            if (!status.isDirectory()) {
                throw new ClusterDeploymentException("The provided lib dir " + directory
                        + " (yarn.provided.lib.dirs) is not a directory: list directories on the cluster's FileSystem.");
            }
            List<ShippedFile> files = new ArrayList<>();
            boolean flat = true;
            FileStatus[] entries = fileSystem.listStatus(path);
            Arrays.sort(entries, Comparator.comparing(entry -> entry.getPath().getName()));
            for (FileStatus file : entries) {
                if (file.isFile()) {
                    files.add(ShippedFile.of(file.getPath().getName(), file, LocalResourceVisibility.PUBLIC));
                } else {
                    flat = false;
                }
            }
            boolean whole = flat && status.getModificationTime() > 0
                    && DIRECTORY_TIMES_FOLLOW_ENTRIES.contains(status.getPath().toUri().getScheme());
            listed.add(new Directory(whole ? ShippedFile.of(LINK_PREFIX + listed.size(), status, LocalResourceVisibility.PUBLIC)
                    : null, files));
        }
        return new ProvidedLib(listed);
    }

    boolean isEmpty() {
        return directories.isEmpty();
    }

    List<Directory> directories() {
        return directories;
    }

    /**
     * The names the provided directories take in a container: their links and their files' names
     * (a lib jar of such a name need not be uploaded; another file of such a name would clash).
     */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Directory directory : directories) {
            if (directory.whole() != null) {
                names.add(directory.whole().name());
            }
            directory.files().forEach(file -> names.add(file.name()));
        }
        return names;
    }

    /**
     * Names the nodes' class-data archives after the provided files: another set of jars (a new
     * Spindle version) gets archives of its own rather than fighting over one.
     */
    String classDataKey() {
        StringBuilder identity = new StringBuilder();
        for (Directory directory : directories) {
            for (ShippedFile file : directory.files()) {
                identity.append(file.uri()).append('|').append(file.size()).append('|')
                        .append(file.modificationTime()).append('\n');
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
