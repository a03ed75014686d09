package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElectionService;
import io.spindle.ha.LeaderInformation;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the JobManager through a Curator {@link LeaderLatch} at {@value ZooKeeperPaths#LEADER_LATCH}.
 *
 * <p>One latch lives within one ZooKeeper session: when the session is LOST leadership is
 * revoked and the latch closed, and a new latch joins once the client has a new session. (How
 * a latch re-joins by itself after an expired session differs between Curator versions, and
 * with {@code SessionConnectionStateErrorPolicy} some do not re-join at all.) Every latch event
 * and every write of the leader's connection info runs on one thread of this service, in order,
 * so Curator's event thread only hands work over.
 */
final class ZooKeeperLeaderElectionService implements LeaderElectionService {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeaderElectionService.class);

    private final CuratorFramework client;
    private final boolean retirePreviousLeaders;
    private final LeaderFencedWriter writer;
    private final ExecutorService events = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "zookeeper-leader-election");
        thread.setDaemon(true);
        return thread;
    });
    private final ConnectionStateListener connectionListener = (client, state) -> onConnectionState(state);

    private LeaderContender contender;
    /** Replaced on the event thread only; volatile for hasLeadership. */
    private volatile LeaderLatch latch;
    /** Both set on grant and cleared on revoke, on the event thread; read by writers anywhere. */
    private volatile UUID leaderSessionId;
    private volatile String leaderLatchNode;
    private volatile boolean closed;

    ZooKeeperLeaderElectionService(CuratorFramework client, boolean retirePreviousLeaders) {
        this.client = client;
        this.retirePreviousLeaders = retirePreviousLeaders;
        this.writer = new LeaderFencedWriter(client, this::leaderLatchNode);
    }

    /** The latch node under which this JobManager leads, or null while it does not. */
    String leaderLatchNode() {
        return leaderLatchNode;
    }

    @Override
    public synchronized void start(LeaderContender contender) throws Exception {
        if (this.contender != null) {
            throw new IllegalStateException("The leader election is already started");
        }
        this.contender = contender;
        client.getConnectionStateListenable().addListener(connectionListener);
        events.submit(() -> {
            joinElection();
            return null;
        }).get();
    }

    /** Runs on the event thread; after close there is nothing left to do. */
    private void onEventThread(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    private void onConnectionState(ConnectionState state) {
        if (state == ConnectionState.LOST) {
            onEventThread(this::leaveElection);
        } else if (state == ConnectionState.RECONNECTED) {
            onEventThread(() -> {
                if (latch == null) {
                    joinElection();
                }
            });
        }
    }

    /**
     * Starts a latch. With retire-previous, every latch node there is deleted first (also when a
     * latch re-joins after a lost session, so that an earlier YARN attempt that re-joined meanwhile
     * cannot lead again).
     */
    private void joinElection() {
        if (closed) {
            return;
        }
        try {
            if (retirePreviousLeaders) {
                retireLatchNodes();
            }
            LeaderLatch newLatch = new LeaderLatch(client, ZooKeeperPaths.LEADER_LATCH);
            newLatch.addListener(new LeaderLatchListener() {
                @Override
                public void isLeader() {
                    onLeader(newLatch);
                }

                @Override
                public void notLeader() {
                    if (newLatch == latch) {
                        revoke();
                    }
                }
            }, events);
            latch = newLatch;
            newLatch.start();
        } catch (Exception e) {
            LOG.error("Could not join the leader election", e);
            contender.handleError(e);
        }
    }

    private void retireLatchNodes() throws Exception {
        if (client.checkExists().forPath(ZooKeeperPaths.LEADER_LATCH) == null) {
            return;
        }
        List<String> children = client.getChildren().forPath(ZooKeeperPaths.LEADER_LATCH);
        for (String child : children) {
            try {
                client.delete().forPath(ZKPaths.makePath(ZooKeeperPaths.LEADER_LATCH, child));
                LOG.info("Retired the latch node {} of an earlier leader", child);
            } catch (KeeperException.NoNodeException alreadyGone) {
                // Its session ended meanwhile.
            }
        }
    }

    private void onLeader(LeaderLatch leading) {
        // A late event of a latch that was replaced or lost leadership meanwhile is not a grant.
        if (leading != latch || !leading.hasLeadership() || leaderSessionId != null || closed) {
            return;
        }
        UUID sessionId = UUID.randomUUID();
        leaderLatchNode = leading.getOurPath();
        leaderSessionId = sessionId;
        LOG.info("Leadership granted under session {} (latch node {})", sessionId, leaderLatchNode);
        contender.grantLeadership(sessionId);
    }

    private void revoke() {
        if (leaderSessionId == null) {
            return;
        }
        LOG.warn("Leadership of session {} revoked", leaderSessionId);
        leaderSessionId = null;
        leaderLatchNode = null;
        contender.revokeLeadership();
    }

    /** The session is gone, and with it the latch node: revoke, and leave until a new session. */
    private void leaveElection() {
        revoke();
        closeLatch();
    }

    private void closeLatch() {
        LeaderLatch current = latch;
        latch = null;
        if (current != null && current.getState() == LeaderLatch.State.STARTED) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.debug("Closing the leader latch failed", e);
            }
        }
    }

    @Override
    public void confirmLeadership(LeaderInformation leader) {
        onEventThread(() -> {
            if (!leader.sessionId().equals(leaderSessionId)) {
                LOG.info("Not publishing {}: session {} no longer leads", leader, leader.sessionId());
                return;
            }
            try {
                publish(leader);
            } catch (LeadershipLostException e) {
                LOG.warn("Leader information of session {} not published", leader.sessionId(), e);
            } catch (Exception e) {
                contender.handleError(e);
            }
        });
    }

    /**
     * Writes the EPHEMERAL connection info node. A node of another session (an earlier leader's,
     * still alive) is replaced rather than updated, so that it is not deleted when that session ends.
     */
    private void publish(LeaderInformation leader) throws Exception {
        byte[] data = LeaderInformationCodec.encode(leader);
        String path = ZooKeeperPaths.LEADER_CONNECTION_INFO;
        writer.write("publish the leader's connection info", ops -> {
            Stat stat = client.checkExists().forPath(path);
            long ourSession = client.getZookeeperClient().getZooKeeper().getSessionId();
            if (stat == null) {
                return writer.create(ops, path, data, CreateMode.EPHEMERAL);
            }
            if (stat.getEphemeralOwner() == ourSession) {
                return List.of(ops.setData().withVersion(stat.getVersion()).forPath(path, data));
            }
            return List.of(ops.delete().withVersion(stat.getVersion()).forPath(path),
                    ops.create().withMode(CreateMode.EPHEMERAL).forPath(path, data));
        });
        LOG.info("Published leader information {}", leader);
    }

    @Override
    public boolean hasLeadership(UUID sessionId) {
        LeaderLatch current = latch;
        return sessionId != null && sessionId.equals(leaderSessionId) && current != null && current.hasLeadership();
    }

    LeaderFencedWriter writer() {
        return writer;
    }

    /** Leaves the election; the connection info node goes with the client's session. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        client.getConnectionStateListenable().removeListener(connectionListener);
        events.execute(() -> {
            leaderSessionId = null;
            leaderLatchNode = null;
            closeLatch();
        });
        events.shutdown();
        if (!events.awaitTermination(10, TimeUnit.SECONDS)) {
            events.shutdownNow();
        }
    }
}
