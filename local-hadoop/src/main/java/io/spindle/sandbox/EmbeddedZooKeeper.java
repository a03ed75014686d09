package io.spindle.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.DataNode;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.EphemeralType;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;

/**
 * A standalone ZooKeeper server on loopback, built from ZooKeeper's own server classes rather
 * than Curator's TestingServer because the fault controls need the {@link ZooKeeperServer}
 * itself: a restart on the same port and data (sessions are persisted and survive, as with a
 * real server restart) and a server-side session expiry.
 *
 * <p>Thread safety: all methods may be called from any thread; they are serialised.
 */
final class EmbeddedZooKeeper implements AutoCloseable {
    /** The tick and session bounds Curator's TestingServer used: sessions of 1 to 20 s. */
    private static final int TICK_TIME_MS = 1000;
    private static final int MIN_SESSION_TIMEOUT_MS = TICK_TIME_MS;
    /** ZooKeeper's own default of connections per client host; every sandbox client is on loopback. */
    private static final int MAX_CLIENT_CONNECTIONS = 60;
    /** ZooKeeper appends a ten-digit counter to the name of a sequential node. */
    private static final int SEQUENCE_DIGITS = 10;
    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(10);

    private final Path dataDir;
    private final String host;
    private int port;
    private FileTxnSnapLog txnLog;
    private ZooKeeperServer server;
    private ServerCnxnFactory connections;

    private EmbeddedZooKeeper(Path dataDir, String host) {
        this.dataDir = dataDir;
        this.host = host;
    }

    /** Starts a server on an ephemeral port of {@code host} that keeps its snapshots and log in {@code dataDir}. */
    static EmbeddedZooKeeper start(Path dataDir, String host) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        EmbeddedZooKeeper zooKeeper = new EmbeddedZooKeeper(dataDir, host);
        zooKeeper.serve(0);
        return zooKeeper;
    }

    private void serve(int requestedPort) throws IOException, InterruptedException {
        txnLog = new FileTxnSnapLog(dataDir.toFile(), dataDir.toFile());
        server = new ZooKeeperServer(txnLog, TICK_TIME_MS, "");
        server.setMinSessionTimeout(MIN_SESSION_TIMEOUT_MS);
        connections = ServerCnxnFactory.createFactory(new InetSocketAddress(host, requestedPort), MAX_CLIENT_CONNECTIONS);
        // Loads the snapshot and log (data and sessions), then accepts clients.
        connections.startup(server);
        port = connections.getLocalPort();
    }

    /** The client port. */
    synchronized int port() {
        return port;
    }

    /**
     * Stops the server and starts it again on the same port with the same data. Sessions whose
     * clients reconnect within their timeout survive, counted from the restart.
     */
    synchronized void restart() throws IOException, InterruptedException {
        stopServing();
        serve(port);
    }

    /**
     * Expires, on the server, the session that owns the ephemeral node at {@code path}; if that
     * node is not ephemeral, the session owning its ephemeral sequential child with the lowest
     * sequence number (the leader of a Curator LeaderLatch or the holder of a lock). Returns once
     * the session's ephemeral nodes are gone.
     *
     * @return the expired session's id
     * @throws NoSuchElementException if there is no node at {@code path}, or nothing ephemeral there
     */
    synchronized long expireSessionOwning(String path) throws InterruptedException {
        DataTree tree = server.getZKDatabase().getDataTree();
        DataNode node = tree.getNode(path);
        if (node == null) {
            throw new NoSuchElementException("No znode " + path);
        }
        long session = sessionOwning(node)
                .or(() -> lowestSequentialChildOwner(tree, path, node))
                .orElseThrow(() -> new NoSuchElementException("Neither " + path
                        + " nor any sequential child of it is an ephemeral node"));
        // The same steps as the server's session tracker when a session times out: no more
        // requests of the session are accepted, then its close is committed, deleting its
        // ephemeral nodes and dropping its connection; the client learns on reconnecting.
        server.getSessionTracker().setSessionClosing(session);
        server.expire(session);
        awaitGone(tree, session);
        return session;
    }

    private static Optional<Long> sessionOwning(DataNode node) {
        Stat stat = new Stat();
        node.copyStat(stat);
        long owner = stat.getEphemeralOwner();
        // Container and TTL nodes (Curator creates parents as containers) encode their type in the owner field.
        return EphemeralType.get(owner) == EphemeralType.NORMAL ? Optional.of(owner) : Optional.empty();
    }

    private static Optional<Long> lowestSequentialChildOwner(DataTree tree, String path, DataNode node) {
        List<String> children;
        synchronized (node) {
            children = new ArrayList<>(node.getChildren());
        }
        String prefix = path.endsWith("/") ? path : path + "/";
        return children.stream()
                .filter(child -> sequenceNumber(child).isPresent())
                .sorted(Comparator.comparingLong(child -> sequenceNumber(child).orElseThrow()))
                .map(child -> tree.getNode(prefix + child))
                .filter(child -> child != null)
                .map(EmbeddedZooKeeper::sessionOwning)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The counter ZooKeeper appended to a sequential node's name, if the name ends with one. */
    static Optional<Long> sequenceNumber(String name) {
        if (name.length() < SEQUENCE_DIGITS) {
            return Optional.empty();
        }
        String suffix = name.substring(name.length() - SEQUENCE_DIGITS);
        return suffix.chars().allMatch(Character::isDigit) ? Optional.of(Long.parseLong(suffix)) : Optional.empty();
    }

    private void awaitGone(DataTree tree, long session) throws InterruptedException {
        long deadline = System.nanoTime() + EXPIRY_WAIT.toNanos();
        while (server.getSessionTracker().isTrackingSession(session) || !tree.getEphemerals(session).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Session 0x" + Long.toHexString(session) + " was expired but still has "
                        + tree.getEphemerals(session) + " after " + EXPIRY_WAIT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    private void stopServing() throws IOException {
        // Shuts the server down too; the log is ZooKeeper's to flush, the files are ours to close.
        connections.shutdown();
        txnLog.close();
    }

    @Override
    public synchronized void close() throws IOException {
        if (connections != null) {
            stopServing();
            connections = null;
        }
    }
}
