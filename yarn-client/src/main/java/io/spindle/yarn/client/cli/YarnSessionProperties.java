package io.spindle.yarn.client.cli;

import io.spindle.configuration.Configuration;
import io.spindle.yarn.client.YarnConfigOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code .yarn-properties-<user>} file in which {@code yarn-session.sh} records the running
 * session, so that {@code spindle run}, {@code list}, {@code info} and {@code cancel} find it
 * without an address. Same format as Apache Flink's: {@code applicationID=...} and, when the
 * session was started with {@code -D} options, {@code dynamicPropertiesString=k=v@@k2=v2}.
 */
public final class YarnSessionProperties {
    static final String APPLICATION_ID_KEY = "applicationID";
    static final String DYNAMIC_PROPERTIES_KEY = "dynamicPropertiesString";
    static final String DYNAMIC_PROPERTIES_SEPARATOR = "@@";

    /** What the file records. */
    public record Session(String applicationId, Map<String, String> dynamicProperties) {
        public Session {
            dynamicProperties = Map.copyOf(dynamicProperties);
        }
    }

    private YarnSessionProperties() {}

    /** {@code <yarn.properties-file.location or java.io.tmpdir>/.yarn-properties-<user.name>}. */
    public static Path location(Configuration configuration) {
        String directory = configuration.get(YarnConfigOptions.PROPERTIES_FILE_LOCATION);
        if (directory == null || directory.isBlank()) {
            directory = System.getProperty("java.io.tmpdir");
        }
        return Path.of(directory, ".yarn-properties-" + System.getProperty("user.name"));
    }

    /** Writes the file atomically (a reader never sees half of it). */
    public static void write(Path file, String applicationId, Map<String, String> dynamicProperties) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(APPLICATION_ID_KEY, applicationId);
        if (!dynamicProperties.isEmpty()) {
            StringBuilder joined = new StringBuilder();
            dynamicProperties.forEach((key, value) -> joined.append(joined.length() == 0 ? "" : DYNAMIC_PROPERTIES_SEPARATOR)
                    .append(key).append('=').append(value));
            properties.setProperty(DYNAMIC_PROPERTIES_KEY, joined.toString());
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Spindle YARN session; written by yarn-session.sh");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The recorded session, or empty when there is no file.
     *
     * @throws IOException when the file cannot be read or names no application; the message names the file
     */
    public static Optional<Session> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String applicationId = properties.getProperty(APPLICATION_ID_KEY);
        if (applicationId == null || applicationId.isBlank()) {
            throw new IOException("The YARN properties file " + file + " names no application (no " + APPLICATION_ID_KEY
                    + "): delete it, or pass -Dyarn.application.id=<id>");
        }
        Map<String, String> dynamicProperties = new LinkedHashMap<>();
        String joined = properties.getProperty(DYNAMIC_PROPERTIES_KEY, "");
        for (String property : joined.split(DYNAMIC_PROPERTIES_SEPARATOR)) {
            int equals = property.indexOf('=');
            if (equals > 0) {
                dynamicProperties.put(property.substring(0, equals), property.substring(equals + 1));
            }
        }
        return Optional.of(new Session(applicationId.trim(), dynamicProperties));
    }

    /** Deletes the file if it still records {@code applicationId}; a newer session's file is left alone. */
    public static boolean deleteIfRecording(Path file, String applicationId) throws IOException {
        Optional<Session> recorded;
        try {
            recorded = read(file);
        } catch (IOException unreadable) {
            return false;
        }
        return recorded.isPresent() && recorded.get().applicationId().equals(applicationId) && Files.deleteIfExists(file);
    }
}
