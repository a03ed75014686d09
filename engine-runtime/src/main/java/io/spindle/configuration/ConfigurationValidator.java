package io.spindle.configuration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks every value of a configuration that belongs to a known option at once, so a user who
 * made several mistakes sees all of them in one error instead of one per restart. Stateless.
 */
public final class ConfigurationValidator {
    private ConfigurationValidator() {}

    /**
     * Parses the value of every option in {@code knownOptions} that {@code configuration}
     * contains; keys that no known option claims are left alone.
     *
     * @throws IllegalConfigurationException listing every invalid value with its key, the value
     *     and what is allowed
     */
    public static void validate(Configuration configuration, Collection<? extends ConfigOption<?>> knownOptions) {
        List<String> problems = new ArrayList<>();
        for (ConfigOption<?> option : knownOptions) {
            String raw = configuration.getString(option.key());
            if (raw != null) {
                try {
                    option.parse(raw);
                } catch (IllegalConfigurationException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (problems.size() == 1) {
            throw new IllegalConfigurationException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new IllegalConfigurationException(problems.size() + " invalid configuration values:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** Validates against the options of {@link ConfigOptionRegistry#all()}. */
    public static void validate(Configuration configuration) {
        validate(configuration, ConfigOptionRegistry.all().options());
    }
}
