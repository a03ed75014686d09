package io.spindle.configuration;

import java.time.Duration;
import java.util.Locale;

/** Builders for {@link ConfigOption}s of the common types. */
public final class ConfigOptions {
    private ConfigOptions() {}

    public static ConfigOption<String> stringOption(String key, String defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, s -> s, "a string");
    }

    public static ConfigOption<Integer> intOption(String key, Integer defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, Integer::valueOf, "an integer");
    }

    public static ConfigOption<Long> longOption(String key, Long defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, Long::valueOf, "an integer");
    }

    public static ConfigOption<Double> doubleOption(String key, Double defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, Double::valueOf, "a decimal number");
    }

    public static ConfigOption<Boolean> booleanOption(String key, Boolean defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, ConfigOptions::parseBoolean, "true or false");
    }

    public static ConfigOption<Duration> durationOption(String key, Duration defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, ConfigOptions::parseDuration,
                "a duration such as 500 ms, 10 s, 5 min");
    }

    /** A duration where a plain number counts seconds, for keys Flink 1.x reads as seconds. */
    public static ConfigOption<Duration> secondsOption(String key, Duration defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description,
                s -> s.trim().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(s.trim())) : parseDuration(s),
                "a duration such as 30 min or 2 h; a plain number counts seconds");
    }

    public static ConfigOption<MemorySize> memoryOption(String key, MemorySize defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, MemorySize::parse,
                "a memory size such as 768m, 1g, 1024mb");
    }

    public static <E extends Enum<E>> ConfigOption<E> enumOption(
            String key, Class<E> type, E defaultValue, String description) {
        StringBuilder allowed = new StringBuilder("one of");
        for (E constant : type.getEnumConstants()) {
            allowed.append(' ').append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return new ConfigOption<>(key, defaultValue, description,
                s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_')), allowed.toString());
    }

    private static Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    /** Accepts a number with an optional unit: ms, s, min, h, d (default ms). */
    static Duration parseDuration(String s) {
        String text = s.toLowerCase(Locale.ROOT).replace(" ", "");
        int split = 0;
        while (split < text.length() && Character.isDigit(text.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("no number");
        }
        long amount = Long.parseLong(text.substring(0, split));
        String unit = text.substring(split);
        switch (unit) {
            case "", "ms", "milli", "millis", "milliseconds":
                return Duration.ofMillis(amount);
            case "s", "sec", "secs", "second", "seconds":
                return Duration.ofSeconds(amount);
            case "min", "m", "minute", "minutes":
                return Duration.ofMinutes(amount);
            case "h", "hour", "hours":
                return Duration.ofHours(amount);
            case "d", "day", "days":
                return Duration.ofDays(amount);
            default:
                throw new IllegalArgumentException("unknown time unit '" + unit + "'");
        }
    }
}
