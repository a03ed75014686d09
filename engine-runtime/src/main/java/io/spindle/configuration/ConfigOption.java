package io.spindle.configuration;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

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
    /** Accepts every parsed value unless the option declares a range with {@link #withValidator}. */
    private final Predicate<? super T> validator;
    /** What the validator allows, in words (e.g. "at least 1"); null when there is no validator. */
    private final String constraint;
    /** Older names of this key (Flink's deprecated ones), read when the key itself is not set. */
    private final List<String> deprecatedKeys;

    ConfigOption(String key, T defaultValue, String description, Function<String, T> parser, String typeName) {
        this(key, defaultValue, description, parser, typeName, value -> true, null, List.of());
    }

    private ConfigOption(String key, T defaultValue, String description, Function<String, T> parser,
            String typeName, Predicate<? super T> validator, String constraint, List<String> deprecatedKeys) {
        this.deprecatedKeys = deprecatedKeys;
        this.key = Objects.requireNonNull(key);
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description);
        this.parser = parser;
        this.typeName = typeName;
        this.validator = validator;
        this.constraint = constraint;
    }

    /**
     * Returns this option with an additional check on parsed values, e.g.
     * {@code ConfigOptions.intOption(...).withValidator(v -> v >= 1, "at least 1")}. A value that
     * parses but fails the check is rejected by {@link #parse} (and so by
     * {@link Configuration#get}) with the key, the value and {@code allowed}. Checks accumulate
     * when called more than once. The default value must pass, so a wrong declaration fails as
     * soon as its class is loaded.
     */
    public ConfigOption<T> withValidator(Predicate<? super T> check, String allowed) {
        Objects.requireNonNull(check);
        Objects.requireNonNull(allowed);
        if (defaultValue != null && !check.test(defaultValue)) {
            throw new IllegalArgumentException("Default value '" + defaultValue + "' of configuration key '" + key
                    + "' is not " + allowed);
        }
        Predicate<? super T> previous = validator;
        Predicate<T> combined = value -> previous.test(value) && check.test(value);
        return new ConfigOption<>(key, defaultValue, description, parser, typeName, combined,
                constraint == null ? allowed : constraint + " and " + allowed, deprecatedKeys);
    }

    /**
     * Returns this option also read from older keys, in order, when the key itself is not set;
     * {@link Configuration#get} logs a warning naming the key to use instead.
     */
    public ConfigOption<T> withDeprecatedKeys(String... olderKeys) {
        return new ConfigOption<>(key, defaultValue, description, parser, typeName, validator, constraint,
                List.of(olderKeys));
    }

    public List<String> deprecatedKeys() {
        return deprecatedKeys;
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

    /** What the declared validator allows in words, or null when any value of the type is fine. */
    public String constraint() {
        return constraint;
    }

    /** The type and the constraint together, e.g. "an integer; at least 1"; used in messages and docs. */
    public String allowedValues() {
        return constraint == null ? typeName : typeName + "; " + constraint;
    }

    /**
     * Parses a raw value; a value that does not parse gives an error with the key, the value
     * and what is allowed.
     */
    public T parse(String raw) {
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new IllegalConfigurationException(
                    "Invalid value '" + raw + "' for configuration key '" + key + "': expected " + allowedValues()
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
        if (!validator.test(value)) {
            throw new IllegalConfigurationException(
                    "Invalid value '" + raw + "' for configuration key '" + key + "': expected " + allowedValues());
        }
        return value;
    }

    @Override
    public String toString() {
        return key;
    }
}
