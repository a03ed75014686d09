package io.spindle.ha;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Chooses the HA services by {@link HighAvailabilityOptions#TYPE}: {@code none} is built in,
 * every other type comes from a {@link HighAvailabilityServicesFactory} on the class path.
 */
public final class HighAvailabilityServicesLoader {
    private HighAvailabilityServicesLoader() {}

    /**
     * @param jobManagerAddress {@code host:port} of the JobManager's RPC service: a JobManager's
     *     own, or the configured one for TaskManagers and clients
     */
    public static HighAvailabilityServices load(Configuration configuration, String jobManagerAddress) throws Exception {
        String type = type(configuration);
        return type.equals("none") ? new StandaloneHaServices(jobManagerAddress)
                : factory(type).create(configuration, jobManagerAddress);
    }

    /**
     * Fails, with what to fix, when the configured HA services cannot be reached from this
     * process: a client's check before it deploys a cluster that would depend on them.
     */
    public static void checkReachable(Configuration configuration) throws Exception {
        String type = type(configuration);
        if (!type.equals("none")) {
            factory(type).checkReachable(configuration);
        }
    }

    private static String type(Configuration configuration) {
        return configuration.get(HighAvailabilityOptions.TYPE).trim().toLowerCase(Locale.ROOT);
    }

    private static HighAvailabilityServicesFactory factory(String type) {
        List<String> available = new ArrayList<>(List.of("none"));
        for (HighAvailabilityServicesFactory factory : ServiceLoader.load(HighAvailabilityServicesFactory.class,
                HighAvailabilityServicesLoader.class.getClassLoader())) {
            if (factory.type().equals(type)) {
                return factory;
            }
            available.add(factory.type());
        }
        throw new IllegalConfigurationException("Unknown " + HighAvailabilityOptions.TYPE.key() + " '" + type
                + "': this installation offers " + String.join(", ", available)
                + (type.equals("zookeeper") ? " (the ha-zookeeper module is not on the class path)" : ""));
    }
}
