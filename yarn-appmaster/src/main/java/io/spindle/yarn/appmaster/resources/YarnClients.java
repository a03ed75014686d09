package io.spindle.yarn.appmaster.resources;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;

/**
 * Creates the YARN clients the {@link YarnResourceDriver} talks through, so tests can hand it
 * recording fakes. Clients come back initialized but not started; the driver starts and stops them.
 */
public interface YarnClients {
    /** The client to the YARN ResourceManager, heartbeating every {@code heartbeatIntervalMs}. */
    AMRMClientAsync<ContainerRequest> createResourceManagerClient(int heartbeatIntervalMs,
            AMRMClientAsync.AbstractCallbackHandler handler);

    /** The client to the NodeManagers that start and stop containers. */
    NMClientAsync createNodeManagerClient(NMClientAsync.AbstractCallbackHandler handler);

    /** The real YARN clients, configured by {@code yarnConfiguration} (e.g. a {@code YarnConfiguration}). */
    static YarnClients fromConfiguration(Configuration yarnConfiguration) {
        return new YarnClients() {
            @Override
            public AMRMClientAsync<ContainerRequest> createResourceManagerClient(int heartbeatIntervalMs,
                    AMRMClientAsync.AbstractCallbackHandler handler) {
                AMRMClientAsync<ContainerRequest> client = AMRMClientAsync.createAMRMClientAsync(heartbeatIntervalMs, handler);
                client.init(yarnConfiguration);
                return client;
            }

            @Override
            public NMClientAsync createNodeManagerClient(NMClientAsync.AbstractCallbackHandler handler) {
                NMClientAsync client = NMClientAsync.createNMClientAsync(handler);
                client.init(yarnConfiguration);
                return client;
            }
        };
    }
}
