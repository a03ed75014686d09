package io.spindle.yarn.client;

import java.net.URI;
import org.apache.hadoop.fs.Path;

/**
 * The jar of an application cluster: a local file (a path without scheme, or {@code file:}),
 * uploaded with the cluster, or a file on a shared FileSystem ({@code hdfs://...}), registered
 * where it is.
 */
record UserJar(Path path) {
    static UserJar of(Path path) {
        return new UserJar(path);
    }

    boolean isLocal() {
        String scheme = path.toUri().getScheme();
        return scheme == null || scheme.equals("file");
    }

    java.nio.file.Path localPath() {
        URI uri = path.toUri();
        return uri.getScheme() == null ? java.nio.file.Path.of(uri.getPath()) : java.nio.file.Path.of(uri);
    }

    Path remotePath() {
        return path;
    }

    String fileName() {
        return path.getName();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
