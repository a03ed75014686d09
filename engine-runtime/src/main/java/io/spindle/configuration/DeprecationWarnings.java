package io.spindle.configuration;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Warns once per process for each deprecated key that a configuration still uses. */
final class DeprecationWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(DeprecationWarnings.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private DeprecationWarnings() {}

    static void warnOnce(String deprecatedKey, String key) {
        if (WARNED.add(deprecatedKey)) {
            LOG.warn("Configuration key '{}' is deprecated; use '{}' instead", deprecatedKey, key);
        }
    }
}
