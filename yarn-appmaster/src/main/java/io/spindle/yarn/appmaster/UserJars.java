package io.spindle.yarn.appmaster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/** Finds the application's jar: shipped into the working directory, or read from its {@code hdfs://} path. */
final class UserJars {
    private UserJars() {}

    static Path localCopy(String location) throws IOException {
        URI uri = URI.create(location);
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            Path local = Path.of(uri.getScheme() == null ? location : uri.getPath());
            if (!Files.isRegularFile(local)) {
                throw new IOException("The application jar " + location + " is not in the container");
            }
            return local;
        }
        Path target = Files.createTempFile(Path.of("").toAbsolutePath(), "application-", ".jar");
        FileSystem fileSystem = FileSystem.get(uri, new YarnConfiguration());
        fileSystem.copyToLocalFile(new org.apache.hadoop.fs.Path(uri), new org.apache.hadoop.fs.Path(target.toUri()));
        return target;
    }
}
