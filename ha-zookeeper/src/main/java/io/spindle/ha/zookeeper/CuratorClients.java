package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.ha.HighAvailabilityOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Starts the Curator client of a cluster from its configuration. */
final class CuratorClients {
    private CuratorClients() {}

    /**
     * A started client, connected, namespaced to the cluster. A connection that is only
     * suspended keeps leadership ({@link SessionConnectionStateErrorPolicy}): only the end of the
     * session revokes it, and the fenced writes keep a suspended leader from doing harm.
     */
    static CuratorFramework start(Configuration configuration) throws IOException, InterruptedException {
        String quorum = configuration.get(HighAvailabilityOptions.ZOOKEEPER_QUORUM);
        if (quorum == null || quorum.isBlank()) {
            throw new IllegalConfigurationException("ZooKeeper high availability needs the ZooKeeper servers: set "
                    + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key() + " (host:port[,host:port...])");
        }
        Duration connectionTimeout = configuration.get(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT);
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(quorum.trim())
                .sessionTimeoutMs(millis(configuration.get(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT)))
                .connectionTimeoutMs(millis(connectionTimeout))
                .retryPolicy(new ExponentialBackoffRetry(
                        millis(configuration.get(HighAvailabilityOptions.ZOOKEEPER_RETRY_WAIT)),
                        configuration.get(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_ATTEMPTS)))
                .namespace(ZooKeeperPaths.namespace(configuration.get(HighAvailabilityOptions.ZOOKEEPER_ROOT),
                        configuration.get(HighAvailabilityOptions.CLUSTER_ID)))
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .build();
        client.start();
        boolean connected = false;
        try {
            connected = client.blockUntilConnected(millis(connectionTimeout), TimeUnit.MILLISECONDS);
        } finally {
            if (!connected) {
                client.close();
            }
        }
        if (!connected) {
            throw new IOException("Could not connect to ZooKeeper at " + quorum + " within " + connectionTimeout.toMillis()
                    + " ms (" + HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT.key() + "): check "
                    + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key() + " and that the servers run");
        }
        return client;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
