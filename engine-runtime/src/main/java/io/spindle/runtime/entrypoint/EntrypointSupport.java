package io.spindle.runtime.entrypoint;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationValidator;
import io.spindle.configuration.EntrypointArguments;
import io.spindle.configuration.GlobalConfiguration;
import io.spindle.configuration.UnknownConfigKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up chores every Spindle process shares: configuration loading and failing clearly. */
public final class EntrypointSupport {
    private static final Logger LOG = LoggerFactory.getLogger(EntrypointSupport.class);

    private EntrypointSupport() {}

    /**
     * Loads {@code spindle-conf.yaml} from {@code --configDir} with {@code -D} overrides and checks
     * every known option; an invalid value ends the process with the key, the value and what is allowed.
     * Keys that no option reads are logged as warnings, the -D ones first so each names where it came from.
     */
    public static Configuration loadOrExit(String[] args, String processName) {
        try {
            EntrypointArguments arguments = EntrypointArguments.parse(args);
            Configuration configuration = arguments.loadConfiguration();
            ConfigurationValidator.validate(configuration);
            Configuration dynamic = new Configuration();
            arguments.dynamicProperties().forEach(dynamic::setString);
            UnknownConfigKeys.reportOnce(dynamic, "-D of the " + processName, LOG::warn);
            UnknownConfigKeys.reportOnce(configuration, arguments.configDir().resolve(GlobalConfiguration.CONFIG_FILE_NAME)
                    .toString(), LOG::warn);
            return configuration;
        } catch (RuntimeException e) {
            exitWithError("The " + processName + " cannot start with this configuration", e);
            return null;
        }
    }

    public static void exitWithError(String what, Throwable cause) {
        LOG.error("{}: {}", what, cause.getMessage(), cause);
        System.err.println(what + ": " + cause.getMessage());
        System.exit(1);
    }
}
