package io.spindle.configuration;

import java.time.Duration;
import java.util.Locale;

/**
 * Writes option values in the text form that {@link ConfigOption#parse} reads back, e.g.
 * {@code 100 ms} rather than Java's {@code PT0.1S}. Used for the defaults shown in the generated
 * documentation and configuration file.
 */
public final class ConfigValueFormat {
    private ConfigValueFormat() {}

    public static String toConfigString(Object value) {
        if (value instanceof Duration duration) {
            return formatDuration(duration);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return String.valueOf(value);
    }

    /** The largest unit that expresses the duration exactly; below a millisecond it is rounded down. */
    private static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 86_400_000L == 0) {
            return millis / 86_400_000L + " d";
        }
        if (millis != 0 && millis % 3_600_000L == 0) {
            return millis / 3_600_000L + " h";
        }
        if (millis != 0 && millis % 60_000L == 0) {
            return millis / 60_000L + " min";
        }
        if (millis != 0 && millis % 1_000L == 0) {
            return millis / 1_000L + " s";
        }
        return millis + " ms";
    }
}
