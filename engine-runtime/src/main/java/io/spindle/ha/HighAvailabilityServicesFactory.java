package io.spindle.ha;

import io.spindle.configuration.Configuration;

/**
 * Makes the HA services of one {@link HighAvailabilityOptions#TYPE}; implementations outside the
 * engine (ZooKeeper) register through {@code META-INF/services/io.spindle.ha.HighAvailabilityServicesFactory}.
 */
public interface HighAvailabilityServicesFactory {

    /** The value of {@code high-availability.type} this factory serves, lower case. */
    String type();

    /**
     * @param jobManagerAddress {@code host:port} of the JobManager's RPC service as this process
     *     knows it: its own in a JobManager, the configured one elsewhere. Services that find the
     *     leader by election may ignore it.
     */
    HighAvailabilityServices create(Configuration configuration, String jobManagerAddress) throws Exception;

    /** Connects to the services and lets go again; throws, saying what to fix, when they cannot be reached. */
    void checkReachable(Configuration configuration) throws Exception;
}
