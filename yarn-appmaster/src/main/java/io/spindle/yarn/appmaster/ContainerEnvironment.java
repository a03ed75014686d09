package io.spindle.yarn.appmaster;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.configuration.GlobalConfiguration;
import io.spindle.configuration.UnknownConfigKeys;
import io.spindle.deployment.YarnDeploymentConstants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Spindle process in a YARN container learns from its environment: the configuration
 * the client shipped (the file in the working directory plus the client's {@code -D} overrides),
 * its host, and its container id.
 */
final class ContainerEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerEnvironment.class);

    private final Map<String, String> env;

    ContainerEnvironment(Map<String, String> env) {
        this.env = env;
    }

    static ContainerEnvironment current() {
        return new ContainerEnvironment(System.getenv());
    }

    Configuration loadConfiguration() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Configuration configuration = Files.exists(workingDirectory.resolve(YarnDeploymentConstants.CONFIGURATION_FILE))
                ? GlobalConfiguration.loadConfiguration(workingDirectory)
                : new Configuration();
        String dynamic = env.get(YarnDeploymentConstants.ENV_DYNAMIC_PROPERTIES);
        if (dynamic != null) {
            for (String line : dynamic.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    configuration.setString(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
        }
        UnknownConfigKeys.reportOnce(configuration, "configuration shipped to this container", LOG::warn);
        // Working files belong in the container's own directory, which YARN removes, never in a shared /tmp.
        configuration.setString(CoreOptions.TMP_DIRS.key(), workingDirectory.toString());
        return configuration;
    }

    String require(String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("The container's environment lacks " + name
                    + ": this process must be launched by Spindle's YARN client or ApplicationMaster");
        }
        return value;
    }

    String get(String name) {
        return env.get(name);
    }

    String host() {
        return require(ApplicationConstants.Environment.NM_HOST.name());
    }

    String containerId() {
        return require(ApplicationConstants.Environment.CONTAINER_ID.name());
    }

    /** The application attempt this container belongs to: 1 for the first ApplicationMaster, then 2, ... */
    int applicationAttempt() {
        return ContainerId.fromString(containerId()).getApplicationAttemptId().getAttemptId();
    }
}
