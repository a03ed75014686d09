package io.spindle.yarn.client;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;

/**
 * One application's directory {@code <root>/.spindle/<application id>/}, readable by its owner
 * only, which the client uploads the cluster's files to.
 */
final class StagingArea {
    static final FsPermission OWNER_ONLY = new FsPermission((short) 0700);

    private final FileSystem fileSystem;
    private final Path directory;

    private StagingArea(FileSystem fileSystem, Path directory) {
        this.fileSystem = fileSystem;
        this.directory = directory;
    }

    /** The staging area of an application under {@code yarn.staging-directory} (null: the FileSystem's home). */
    static StagingArea of(org.apache.hadoop.conf.Configuration hadoopConfiguration, String stagingRoot,
            ApplicationId applicationId) throws IOException {
        FileSystem fileSystem;
        Path root;
        if (stagingRoot == null || stagingRoot.isBlank()) {
            fileSystem = FileSystem.get(hadoopConfiguration);
            root = fileSystem.getHomeDirectory();
        } else {
            root = new Path(stagingRoot.trim());
            fileSystem = root.getFileSystem(hadoopConfiguration);
        }
        Path directory = fileSystem.makeQualified(new Path(new Path(root, ".spindle"), applicationId.toString()));
        return new StagingArea(fileSystem, directory);
    }

    Path directory() {
        return directory;
    }

    FileSystem fileSystem() {
        return fileSystem;
    }

    void create() throws IOException {
        fileSystem.mkdirs(directory);
        // mkdirs applies the umask; the files may hold credentials, so set the permission explicitly.
        fileSystem.setPermission(directory, OWNER_ONLY);
    }

    ShippedFile upload(java.nio.file.Path localFile, String name) throws IOException {
        Path target = new Path(directory, name);
        fileSystem.copyFromLocalFile(false, true, new Path(localFile.toAbsolutePath().toUri()), target);
        return ShippedFile.of(name, fileSystem.getFileStatus(target), LocalResourceVisibility.APPLICATION);
    }

    ShippedFile write(byte[] bytes, String name) throws IOException {
        Path target = new Path(directory, name);
        try (OutputStream out = fileSystem.create(target, true)) {
            out.write(bytes);
        }
        return ShippedFile.of(name, fileSystem.getFileStatus(target), LocalResourceVisibility.APPLICATION);
    }

    /** Deletes the directory and everything in it; true when it is gone. */
    boolean delete() throws IOException {
        return fileSystem.delete(directory, true) || !fileSystem.exists(directory);
    }
}
