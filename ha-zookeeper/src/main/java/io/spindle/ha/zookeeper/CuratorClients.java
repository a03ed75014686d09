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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the Curator client of a cluster from its configuration. */
final class CuratorClients {
    private static final Logger LOG = LoggerFactory.getLogger(CuratorClients.class);

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
        reportGrantedSessionTimeout(client, configuration.get(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT));
        return client;
    }

    /**
     * The server bounds a session by its minSessionTimeout and maxSessionTimeout (2 and 20 ticks by
     * default), and that bound, not the configured value, is how long a crashed leader's latch lives.
     */
    private static void reportGrantedSessionTimeout(CuratorFramework client, Duration requested) {
        try {
            long granted = client.getZookeeperClient().getZooKeeper().getSessionTimeout();
            if (granted != requested.toMillis()) {
                LOG.info("ZooKeeper granted a session timeout of {} ms instead of the {} ms of {} (the servers'"
                        + " minSessionTimeout/maxSessionTimeout bound it)", granted, requested.toMillis(),
                        HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT.key());
            }
        } catch (Exception e) {
            LOG.debug("Could not read the granted ZooKeeper session timeout", e);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
