package io.spindle.configuration;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line of a cluster process ({@code --configDir <dir>} and any number of
 * {@code -Dkey=value} / {@code -D key=value}), as the scripts pass it to the JobManager and
 * TaskManager entry points. Without {@code --configDir} the directory comes from the environment
 * variable {@code SPINDLE_CONF_DIR}.
 */
public record EntrypointArguments(Path configDir, Map<String, String> dynamicProperties) {

    public static final String CONFIG_DIR_FLAG = "--configDir";

    /** Parses {@code args} with the process's environment as fallback for the directory. */
    public static EntrypointArguments parse(String... args) {
        return parse(List.of(args), System::getenv);
    }

    static EntrypointArguments parse(List<String> args, Function<String, String> environment) {
        String configDir = null;
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(CONFIG_DIR_FLAG) || arg.equals("-c")) {
                if (i + 1 == args.size()) {
                    throw new IllegalConfigurationException(arg + " needs a directory: " + arg + " <dir>");
                }
                configDir = args.get(++i);
            } else if (arg.startsWith(CONFIG_DIR_FLAG + "=")) {
                configDir = arg.substring(CONFIG_DIR_FLAG.length() + 1);
            } else {
                properties.add(arg);
            }
        }
        if (configDir == null) {
            configDir = environment.apply(GlobalConfiguration.ENV_CONF_DIR);
        }
        if (configDir == null || configDir.isBlank()) {
            throw new IllegalConfigurationException("No configuration directory: pass " + CONFIG_DIR_FLAG
                    + " <dir> or set the environment variable " + GlobalConfiguration.ENV_CONF_DIR + ".");
        }
        return new EntrypointArguments(Paths.get(configDir), GlobalConfiguration.parseDynamicProperties(properties));
    }

    /**
     * Loads {@code spindle-conf.yaml} with the dynamic properties on top and checks every value of
     * a known option ({@link ConfigOptionRegistry#all()}), reporting all invalid ones at once.
     */
    public Configuration loadConfiguration() {
        Configuration configuration = GlobalConfiguration.loadConfiguration(configDir, dynamicProperties);
        ConfigurationValidator.validate(configuration);
        return configuration;
    }
}
