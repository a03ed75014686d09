package io.spindle.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes client configuration files so that a reader never sees a half-written file: each file
 * is written to a temporary sibling and then moved over the target.
 */
final class ConfDirWriter {

    private ConfDirWriter() {}

    /**
     * Writes the properties of {@code source} whose names pass {@code include} and that were set
     * by the running services or by the sandbox (not merely Hadoop's built-in defaults) as a
     * Hadoop XML configuration file. Copying the defaults too would be harmful: a yarn-site.xml
     * that repeats {@code fs.defaultFS=file:///} would override core-site.xml for YARN clients.
     */
    static void writeHadoopXml(Path target, Configuration source, Predicate<String> include)
            throws IOException {
        Configuration selected = new Configuration(false);
        for (Map.Entry<String, String> entry : source) {
            String name = entry.getKey();
            if (include.test(name) && !onlyFromDefaults(source, name)) {
                selected.set(name, entry.getValue());
            }
        }
        writeAtomically(target, out -> selected.writeXml(out));
    }

    /** Writes {@code key=value} lines, sorted by key, in the {@link java.util.Properties} text format. */
    static void writeProperties(Path target, String comment, Map<String, String> values)
            throws IOException {
        SortedMap<String, String> sorted = new TreeMap<>(values);
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        sorted.forEach((key, value) -> text.append(key).append('=')
                .append(value.replace("\\", "\\\\")).append('\n'));
        writeAtomically(target, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Creates or replaces an empty marker file atomically. */
    static void writeMarker(Path target) throws IOException {
        writeAtomically(target, out -> out.write(new byte[0]));
    }

    private static boolean onlyFromDefaults(Configuration source, String name) {
        String[] sources = source.getPropertySources(name);
        return sources != null && sources.length > 0
                && Arrays.stream(sources).allMatch(s -> s.endsWith("-default.xml"));
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Content content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            // Temp files start private; clients running as other users must read the conf.
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
