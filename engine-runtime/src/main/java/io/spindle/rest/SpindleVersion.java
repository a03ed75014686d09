package io.spindle.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version shown as {@code spindle-version}: the one Maven records in the engine jar
 * ({@code META-INF/maven/io.spindle/engine-runtime/pom.properties}), or {@code unknown} when
 * the classes do not come from a packaged jar (e.g. in the IDE or the module's own tests).
 */
public final class SpindleVersion {
    private static final String POM_PROPERTIES = "/META-INF/maven/io.spindle/engine-runtime/pom.properties";

    private SpindleVersion() {}

    public static String current() {
        try (InputStream in = SpindleVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
