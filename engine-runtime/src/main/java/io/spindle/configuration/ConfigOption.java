package io.spindle.configuration;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed configuration key with its default and description. Options are declared as
 * constants in the {@code *Options} classes; the documentation table is generated from them.
 */
public final class ConfigOption<T> {
    private final String key;
    private final T defaultValue;
    private final String description;
    private final Function<String, T> parser;
    private final String typeName;

    ConfigOption(String key, T defaultValue, String description, Function<String, T> parser, String typeName) {
        this.key = Objects.requireNonNull(key);
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description);
        this.parser = parser;
        this.typeName = typeName;
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public String typeName() {
        return typeName;
    }

    /**
     * Parses a raw value; a value that does not parse gives an error with the key, the value
     * and what is allowed.
     */
    public T parse(String raw) {
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new IllegalConfigurationException(
                    "Invalid value '" + raw + "' for configuration key '" + key + "': expected " + typeName
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
