package io.spindle.configuration;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ConfigOption}s declared as {@code public static final} fields of a list of option
 * classes, found by reflection. Used to validate a whole configuration at start-up and to generate
 * the options table and the default {@code conf/spindle-conf.yaml}. Immutable; thread-safe.
 */
public final class ConfigOptionRegistry {
    /**
     * Every option class of Spindle, by name so that classes of modules that are not on the class
     * path are skipped. Append a new option class here, then regenerate the documentation with
     * {@link ConfigDocsGenerator} (a test in it-tests, which sees every module, fails while the
     * committed files are out of date).
     */
    public static final List<String> ALL_OPTION_CLASSES = List.of(
            "io.spindle.configuration.CoreOptions",
            "io.spindle.configuration.ClusterOptions",
            "io.spindle.runtime.taskexecutor.TaskExecutorOptions",
            "io.spindle.runtime.jobmaster.restart.RestartStrategyOptions",
            "io.spindle.runtime.checkpoint.CheckpointingOptions",
            "io.spindle.runtime.checkpoint.StateRecoveryOptions",
            "io.spindle.ha.HighAvailabilityOptions",
            "io.spindle.ha.JobResultStoreOptions",
            "io.spindle.runtime.dispatcher.cleanup.CleanupOptions",
            "io.spindle.runtime.dispatcher.JobStoreOptions",
            "io.spindle.client.program.PipelineOptions",
            "io.spindle.rest.RestOptions",
            "io.spindle.yarn.client.YarnConfigOptions",
            "io.spindle.yarn.appmaster.resources.YarnResourceOptions");

    private static final Logger LOG = LoggerFactory.getLogger(ConfigOptionRegistry.class);

    /** The options of one option class, sorted by key. */
    public record OptionGroup(Class<?> optionsClass, List<ConfigOption<?>> options) {}

    private final List<OptionGroup> groups;
    private final Map<String, ConfigOption<?>> optionsByKey;
    private final List<String> missingClasses;

    private ConfigOptionRegistry(List<OptionGroup> groups, List<String> missingClasses) {
        this.groups = List.copyOf(groups);
        this.missingClasses = List.copyOf(missingClasses);
        Map<String, ConfigOption<?>> byKey = new TreeMap<>();
        Map<String, Class<?>> declaredIn = new TreeMap<>();
        for (OptionGroup group : groups) {
            for (ConfigOption<?> option : group.options()) {
                ConfigOption<?> earlier = byKey.putIfAbsent(option.key(), option);
                if (earlier != null && earlier != option) {
                    throw new IllegalStateException("Configuration key '" + option.key() + "' is declared twice, in "
                            + declaredIn.get(option.key()).getName() + " and in " + group.optionsClass().getName()
                            + "; declare it once and refer to that constant.");
                }
                declaredIn.putIfAbsent(option.key(), group.optionsClass());
            }
        }
        this.optionsByKey = Collections.unmodifiableMap(byKey);
    }

    /** The registry of {@link #ALL_OPTION_CLASSES} that are on the class path. */
    public static ConfigOptionRegistry all() {
        return ofClassNames(ALL_OPTION_CLASSES);
    }

    /**
     * The registry of the named classes, loaded with this class's class loader; names that do not
     * resolve are skipped and listed by {@link #missingClasses()}.
     */
    public static ConfigOptionRegistry ofClassNames(List<String> classNames) {
        List<Class<?>> classes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : classNames) {
            try {
                classes.add(Class.forName(name, true, ConfigOptionRegistry.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                LOG.debug("Option class {} is not on the class path; its options are not registered", name);
                missing.add(name);
            }
        }
        return new ConfigOptionRegistry(groupsOf(classes), missing);
    }

    /** The registry of the given classes. */
    public static ConfigOptionRegistry of(Class<?>... optionClasses) {
        return new ConfigOptionRegistry(groupsOf(List.of(optionClasses)), List.of());
    }

    /** Groups in the order their classes were given; classes without options are left out. */
    public List<OptionGroup> groups() {
        return groups;
    }

    /** All options, sorted by key. */
    public List<ConfigOption<?>> options() {
        return List.copyOf(optionsByKey.values());
    }

    public Optional<ConfigOption<?>> find(String key) {
        return Optional.ofNullable(optionsByKey.get(key));
    }

    /** Class names given to {@link #ofClassNames} that were not found. */
    public List<String> missingClasses() {
        return missingClasses;
    }

    private static List<OptionGroup> groupsOf(List<Class<?>> classes) {
        List<OptionGroup> groups = new ArrayList<>();
        Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Class<?> optionsClass : classes) {
            if (seen.add(optionsClass)) {
                List<ConfigOption<?>> options = optionsOf(optionsClass);
                if (!options.isEmpty()) {
                    groups.add(new OptionGroup(optionsClass, options));
                }
            }
        }
        return groups;
    }

    private static List<ConfigOption<?>> optionsOf(Class<?> optionsClass) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : optionsClass.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                try {
                    ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                    if (option != null && !options.contains(option)) {
                        options.add(option);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot read option field " + field, e);
                }
            }
        }
        options.sort(Comparator.comparing(ConfigOption::key));
        return options;
    }
}
