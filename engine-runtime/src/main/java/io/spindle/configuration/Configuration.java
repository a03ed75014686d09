package io.spindle.configuration;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key/value configuration with typed access through {@link ConfigOption}s. Values are kept as
 * strings (as written in {@code spindle-conf.yaml} or given with {@code -Dkey=value}) and parsed
 * on read, so an invalid value is reported with its key.
 */
public final class Configuration implements Serializable {
    private final TreeMap<String, String> values = new TreeMap<>();

    public Configuration() {}

    public Configuration(Configuration other) {
        values.putAll(other.values);
    }

    public static Configuration fromMap(Map<String, String> map) {
        Configuration configuration = new Configuration();
        configuration.values.putAll(map);
        return configuration;
    }

    public <T> T get(ConfigOption<T> option) {
        String raw = rawValue(option);
        return raw == null ? option.defaultValue() : option.parse(raw);
    }

    /** Whether the option's key, or one of its deprecated keys, is set. */
    public boolean contains(ConfigOption<?> option) {
        return rawValue(option) != null;
    }

    private String rawValue(ConfigOption<?> option) {
        String raw = values.get(option.key());
        if (raw != null) {
            return raw;
        }
        for (String older : option.deprecatedKeys()) {
            raw = values.get(older);
            if (raw != null) {
                DeprecationWarnings.warnOnce(older, option.key());
                return raw;
            }
        }
        return null;
    }

    /** Stores the value in the form its option parses back (durations in ms, enums as their key words). */
    public <T> Configuration set(ConfigOption<T> option, T value) {
        values.put(option.key(), ConfigValueFormat.toConfigString(value));
        return this;
    }

    public Configuration setString(String key, String value) {
        values.put(key, value);
        return this;
    }

    public String getString(String key) {
        return values.get(key);
    }

    public void addAll(Configuration other) {
        values.putAll(other.values);
    }

    public Map<String, String> toMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
