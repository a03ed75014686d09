package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderInformation;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.ha.LeaderRetrievalService;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@value ZooKeeperPaths#LEADER_CONNECTION_INFO} through a {@link CuratorCache}. The
 * listener hears of every change, null when the node is deleted or the session is LOST, and
 * nothing for content it already has. Notifications run on a thread of this service, in order;
 * after a new session the node is read again, as the cache may hold what it had before.
 */
final class ZooKeeperLeaderRetrievalService implements LeaderRetrievalService {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeaderRetrievalService.class);

    private final CuratorFramework client;
    private final ExecutorService notifications = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "zookeeper-leader-retrieval");
        thread.setDaemon(true);
        return thread;
    });
    private final ConnectionStateListener connectionListener = (client, state) -> onConnectionState(state);
    private CuratorCache cache;
    private LeaderRetrievalListener listener;
    /** Touched on the notification thread only. */
    private LeaderInformation lastNotified;

    ZooKeeperLeaderRetrievalService(CuratorFramework client) {
        this.client = client;
    }

    @Override
    public synchronized void start(LeaderRetrievalListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("The leader retrieval is already started");
        }
        this.listener = listener;
        cache = CuratorCache.build(client, ZooKeeperPaths.LEADER_CONNECTION_INFO,
                CuratorCache.Options.SINGLE_NODE_CACHE);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((oldNode, node) -> notifyIfChanged(node.getData()))
                .forDeletes(node -> notifyIfChanged(null))
                .build(), notifications);
        client.getConnectionStateListenable().addListener(connectionListener);
        cache.start();
    }

    private void onConnectionState(ConnectionState state) {
        if (state == ConnectionState.LOST) {
            notifications.execute(() -> notifyIfChanged(null));
        } else if (state == ConnectionState.RECONNECTED) {
            notifications.execute(this::readAgain);
        }
    }

    private void readAgain() {
        try {
            notifyIfChanged(client.getData().forPath(ZooKeeperPaths.LEADER_CONNECTION_INFO));
        } catch (KeeperException.NoNodeException none) {
            notifyIfChanged(null);
        } catch (Exception e) {
            LOG.warn("Could not read the leader's connection info after reconnecting", e);
        }
    }

    private void notifyIfChanged(byte[] data) {
        LeaderInformation leader;
        try {
            leader = LeaderInformationCodec.decode(data);
        } catch (Exception e) {
            listener.handleError(new IllegalStateException("Unreadable leader information in ZooKeeper node "
                    + ZooKeeperPaths.LEADER_CONNECTION_INFO, e));
            return;
        }
        if (!Objects.equals(leader, lastNotified)) {
            lastNotified = leader;
            listener.notifyLeader(leader);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        client.getConnectionStateListenable().removeListener(connectionListener);
        if (cache != null) {
            cache.close();
        }
        notifications.shutdown();
        if (!notifications.awaitTermination(10, TimeUnit.SECONDS)) {
            notifications.shutdownNow();
        }
    }
}
