package io.spindle.util;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/** How the file connectors reach a Hadoop {@link FileSystem}. */
public final class HadoopFileSystems {

    private HadoopFileSystems() {}

    /**
     * Parsing Hadoop's configuration files takes tens of milliseconds, too long to repeat for each
     * subtask, so all connectors share one instance; they only read from it.
     */
    private static final class SharedConfiguration {
        static final Configuration INSTANCE = new Configuration();
    }

    /**
     * The file system of {@code path}, configured from the {@code core-site.xml} and
     * {@code hdfs-site.xml} on the class path. For {@code file://} this is the raw local file
     * system: the checksummed one would leave {@code .crc} files next to every output file, which
     * users of local paths do not expect. The instance comes from Hadoop's shared cache and must
     * not be closed.
     */
    public static FileSystem forPath(Path path) throws IOException {
        FileSystem fileSystem = path.getFileSystem(SharedConfiguration.INSTANCE);
        if (fileSystem instanceof ChecksumFileSystem checksummed) {
            return checksummed.getRawFileSystem();
        }
        return fileSystem;
    }

    /** A {@link Path} from user input, or a clear error when the text is not a valid path. */
    public static Path parse(String path, String role) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("The " + role + " path must not be empty");
        }
        try {
            return new Path(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The " + role + " path '" + path + "' is not a valid path: "
                    + e.getMessage(), e);
        }
    }
}
