package io.spindle.configuration;

import io.spindle.util.EditDistance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the keys of a configuration that no Spindle option reads, so that a misspelt key or one
 * of a Flink feature Spindle lacks ({@code metrics.reporter.*}) is reported instead of silently
 * doing nothing, with the closest known key as a suggestion.
 *
 * <p>Known keys are those of the option classes on the class path plus those listed in
 * {@value #ALL_KEYS_RESOURCE}, which {@link ConfigDocsGenerator} writes from every module: a
 * standalone JobManager does not have the YARN modules' option classes, but a {@code yarn.*} key
 * in its configuration file is not a mistake. Spindle has no option family with free-form keys
 * (such as Flink's {@code containerized.master.env.*}), so every other key is reported.
 */
public final class UnknownConfigKeys {
    /** Next to this class: one line per option, its key first, then its deprecated keys. */
    public static final String ALL_KEYS_RESOURCE = "all-config-keys.txt";

    private static final Logger LOG = LoggerFactory.getLogger(UnknownConfigKeys.class);

    /** Keys reported in this process; each is reported once, as deprecated keys are. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    /** A key no option reads, and the nearest current key when one is close enough to be a typo. */
    public record UnknownKey(String key, String closestKnownKey) {
        /** @param origin where the key was set, e.g. "conf/spindle-conf.yaml" or "-D" */
        public String message(String origin) {
            return "Configuration key '" + key + "' (" + origin + ") is not a Spindle option and is ignored"
                    + (closestKnownKey == null ? "." : "; did you mean '" + closestKnownKey + "'?");
        }
    }

    private final Set<String> knownKeys = new HashSet<>();
    private final Set<String> currentKeys = new TreeSet<>();

    private UnknownConfigKeys(Collection<? extends ConfigOption<?>> options, List<String> listedOptions) {
        for (ConfigOption<?> option : options) {
            addOption(option.key(), option.deprecatedKeys());
        }
        for (String line : listedOptions) {
            String[] keys = line.trim().split("\\s+");
            if (!keys[0].isEmpty()) {
                addOption(keys[0], List.of(keys).subList(1, keys.length));
            }
        }
    }

    private void addOption(String key, List<String> deprecatedKeys) {
        knownKeys.add(key);
        currentKeys.add(key);
        knownKeys.addAll(deprecatedKeys);
    }

    /** Built on first use: it reads every option class by reflection. */
    private static final class AllModules {
        static final UnknownConfigKeys INSTANCE =
                new UnknownConfigKeys(ConfigOptionRegistry.all().options(), readListedOptions());
    }

    /** The options of every Spindle module, whether on this class path or not. */
    public static UnknownConfigKeys ofAllModules() {
        return AllModules.INSTANCE;
    }

    /** Only the given options, for tests. */
    static UnknownConfigKeys of(Collection<? extends ConfigOption<?>> options, List<String> listedOptions) {
        return new UnknownConfigKeys(options, listedOptions);
    }

    /** The unknown keys of {@code configuration}, in key order. */
    public List<UnknownKey> find(Configuration configuration) {
        List<UnknownKey> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(configuration.toMap().keySet())) {
            if (!knownKeys.contains(key)) {
                unknown.add(new UnknownKey(key, closestKnownKey(key)));
            }
        }
        return unknown;
    }

    /**
     * The current key nearest to {@code key} ignoring case, or null when even the nearest differs
     * in more than a quarter of its characters (at least 2 edits are always allowed): then it is
     * more likely a key of another system than a typo.
     */
    String closestKnownKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        String closest = null;
        int closestDistance = Math.max(2, key.length() / 4) + 1;
        // In key order, so that of equally near keys the first one wins on every run.
        for (String candidate : currentKeys) {
            int distance = EditDistance.levenshtein(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < closestDistance) {
                closestDistance = distance;
                closest = candidate;
            }
        }
        return closest;
    }

    /**
     * Reports each unknown key of {@code configuration} to {@code sink} (a logger's warn, or a
     * CLI's standard error), unless this process reported that key already: the CLI and the
     * local cluster it starts share one process, and a session JobManager need not repeat a key
     * of its own configuration file for every job that carries it.
     */
    public static void reportOnce(Configuration configuration, String origin, Consumer<String> sink) {
        for (UnknownKey unknown : ofAllModules().find(configuration)) {
            if (REPORTED.add(unknown.key())) {
                sink.accept(unknown.message(origin));
            }
        }
    }

    /** A missing list (a jar built by hand) costs only accuracy: a warning must never stop a process. */
    private static List<String> readListedOptions() {
        try (InputStream in = UnknownConfigKeys.class.getResourceAsStream(ALL_KEYS_RESOURCE)) {
            if (in == null) {
                LOG.warn("Resource {} is missing next to {}: keys of options of modules not on this class path are"
                        + " reported as unknown", ALL_KEYS_RESOURCE, UnknownConfigKeys.class.getName());
                return List.of();
            }
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            LOG.warn("Could not read {}: keys of options of modules not on this class path are reported as unknown",
                    ALL_KEYS_RESOURCE, e);
            return List.of();
        }
    }
}
