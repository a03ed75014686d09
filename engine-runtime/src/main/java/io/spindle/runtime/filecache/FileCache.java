package io.spindle.runtime.filecache;

import io.spindle.api.functions.DistributedCache;
import io.spindle.util.FileUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A job's cached files on one TaskManager: each is copied once, on first use, from its path
 * (any Hadoop FileSystem, e.g. {@code hdfs://}) into a local directory; local files are used in
 * place. Shared by the job's tasks on this TaskManager; thread-safe.
 */
public final class FileCache implements DistributedCache, AutoCloseable {
    private final Map<String, String> pathsByName;
    private final Path localDirectory;
    private final Map<String, File> fetched = new LinkedHashMap<>();

    public FileCache(Map<String, String> pathsByName, Path localDirectory) {
        this.pathsByName = Map.copyOf(pathsByName);
        this.localDirectory = localDirectory;
    }

    /** Parses {@code pipeline.cached-files}: {@code name=path} entries separated by {@code ;}. */
    public static Map<String, String> parse(String entries) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String entry : entries.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("Malformed cached file entry '" + entry + "': expected name=path");
            }
            parsed.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return parsed;
    }

    /** Formats what {@link #parse} reads. */
    public static String format(Map<String, String> pathsByName) {
        StringBuilder text = new StringBuilder();
        pathsByName.forEach((name, path) -> text.append(text.length() == 0 ? "" : ";").append(name).append('=').append(path));
        return text.toString();
    }

    @Override
    public synchronized File getFile(String name) {
        File file = fetched.get(name);
        if (file != null) {
            return file;
        }
        String path = pathsByName.get(name);
        if (path == null) {
            throw new IllegalArgumentException("No cached file named '" + name + "'; the job registered "
                    + pathsByName.keySet() + " with registerCachedFile");
        }
        URI uri = URI.create(path);
        try {
            if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
                file = new File(uri.getScheme() == null ? path : uri.getPath());
                if (!file.exists()) {
                    throw new IOException("it does not exist on this TaskManager");
                }
            } else {
                Files.createDirectories(localDirectory);
                Path target = localDirectory.resolve(name);
                FileSystem fileSystem = FileSystem.get(uri, new Configuration());
                fileSystem.copyToLocalFile(false, new org.apache.hadoop.fs.Path(uri),
                        new org.apache.hadoop.fs.Path(target.toUri()), true);
                file = target.toFile();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not fetch the cached file '" + name + "' from " + path + ": " + e.getMessage(), e);
        }
        fetched.put(name, file);
        return file;
    }

    /** Deletes the local copies. */
    @Override
    public synchronized void close() {
        FileUtils.deleteQuietly(localDirectory);
    }
}
