package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.HighAvailabilityServicesFactory;

/** Registered for {@code high-availability.type: zookeeper}; the leader is found by election, not by address. */
public final class ZooKeeperHaServicesFactory implements HighAvailabilityServicesFactory {
    @Override
    public String type() {
        return "zookeeper";
    }

    @Override
    public HighAvailabilityServices create(Configuration configuration, String jobManagerAddress) throws Exception {
        return new ZooKeeperHaServices(configuration);
    }

    @Override
    public void checkReachable(Configuration configuration) throws Exception {
        CuratorClients.start(configuration).close();
    }
}
