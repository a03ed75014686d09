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
        String type = configuration.get(HighAvailabilityOptions.TYPE).trim().toLowerCase(Locale.ROOT);
        if (type.equals("none")) {
            return new StandaloneHaServices(jobManagerAddress);
        }
        List<String> available = new ArrayList<>(List.of("none"));
        for (HighAvailabilityServicesFactory factory : ServiceLoader.load(HighAvailabilityServicesFactory.class,
                HighAvailabilityServicesLoader.class.getClassLoader())) {
            if (factory.type().equals(type)) {
                return factory.create(configuration, jobManagerAddress);
            }
            available.add(factory.type());
        }
        throw new IllegalConfigurationException("Unknown " + HighAvailabilityOptions.TYPE.key() + " '" + type
                + "': this installation offers " + String.join(", ", available)
                + (type.equals("zookeeper") ? " (the ha-zookeeper module is not on the class path)" : ""));
    }
}
