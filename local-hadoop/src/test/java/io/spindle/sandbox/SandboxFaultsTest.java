package io.spindle.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryForever;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault controls on a real sandbox: NameNode and ZooKeeper restarts keep data and
 * addresses, and a session expiry is a real one. Restart and expiry of ZooKeeper go through the
 * HTTP endpoint and {@link SandboxClient}, as {@code scripts/local-hadoop.sh} calls them.
 */
class SandboxFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SESSION_TIMEOUT_MS = 10_000;

    @TempDir
    static Path home;

    private static LocalHadoopSandbox sandbox;
    private static Configuration conf;

    @BeforeAll
    static void startSandbox() throws IOException {
        sandbox = LocalHadoopSandbox.start(home);
        conf = new YarnConfiguration();
        for (String site : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
            conf.addResource(new org.apache.hadoop.fs.Path(sandbox.confDir().resolve(site).toUri()));
        }
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aRestartedNameNodeServesTheOldFilesOnTheSameAddressAndTakesNewOnes() throws Exception {
        try (FileSystem fs = FileSystem.newInstance(conf)) {
            org.apache.hadoop.fs.Path before = new org.apache.hadoop.fs.Path("/faults/before-restart.txt");
            write(fs, before, "written before");

            sandbox.restartNameNode();

            // The client made before the restart: same address, and it reconnects by itself.
            assertThat(read(fs, before)).isEqualTo("written before");
            org.apache.hadoop.fs.Path after = new org.apache.hadoop.fs.Path("/faults/after-restart.txt");
            write(fs, after, "written after");
            assertThat(read(fs, after)).isEqualTo("written after");
        }
    }

    @Test
    void aRestartedZooKeeperKeepsItsDataAndTheSessionsThatReconnect() throws Exception {
        try (CuratorFramework client = curator()) {
            client.create().creatingParentsIfNeeded().forPath("/faults/persistent", "kept".getBytes(StandardCharsets.UTF_8));
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();

            Output output = new Output();
            assertThat(output.run("restart-zookeeper")).as(output.toString()).isZero();
            assertThat(output.out()).startsWith("ZooKeeper restarted at " + sandbox.zooKeeperQuorum() + " in ");

            assertThat(new String(client.getData().forPath("/faults/persistent"), StandardCharsets.UTF_8)).isEqualTo("kept");
            assertThat(client.getZookeeperClient().getZooKeeper().getSessionId()).isEqualTo(session);
        }
        try (CuratorFramework fresh = curator()) {
            assertThat(fresh.checkExists().forPath("/faults/persistent")).isNotNull();
        }
    }

    @Test
    void expiringTheOwnerOfAnEphemeralNodeExpiresTheClientsSession() throws Exception {
        Queue<Watcher.Event.KeeperState> states = new ConcurrentLinkedQueue<>();
        ZooKeeper zooKeeper = new ZooKeeper(sandbox.zooKeeperQuorum(), SESSION_TIMEOUT_MS, event -> states.add(event.getState()));
        try {
            await(() -> states.contains(Watcher.Event.KeeperState.SyncConnected), "connected");
            zooKeeper.create("/faults-ephemeral", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

            assertThat(sandbox.expireSessionOwning("/faults-ephemeral")).isEqualTo(zooKeeper.getSessionId());

            await(() -> states.contains(Watcher.Event.KeeperState.Expired), "the client sees its session expired");
        } finally {
            zooKeeper.close();
        }
        try (CuratorFramework other = curator()) {
            assertThat(other.checkExists().forPath("/faults-ephemeral")).isNull();
        }
    }

    @Test
    void expiringALeaderLatchPathExpiresTheLeaderAndTheOtherContenderTakesOver() throws Exception {
        String latchPath = "/spindle/faults-cluster/leader/latch";
        try (CuratorFramework first = curator(); CuratorFramework second = curator();
                LeaderLatch leader = new LeaderLatch(first, latchPath, "first");
                LeaderLatch standby = new LeaderLatch(second, latchPath, "second")) {
            Queue<ConnectionState> firstStates = new ConcurrentLinkedQueue<>();
            first.getConnectionStateListenable().addListener((client, state) -> firstStates.add(state));
            leader.start();
            await(leader::hasLeadership, "the first latch leads");
            standby.start();
            await(() -> standby.getOurPath() != null, "the second latch has its node");
            String leaderNode = leader.getOurPath();
            long leaderSession = first.getZookeeperClient().getZooKeeper().getSessionId();

            Output output = new Output();
            assertThat(output.run("expire-session", latchPath)).as(output.toString()).isZero();
            assertThat(output.out()).isEqualTo("0x" + Long.toHexString(leaderSession) + "\n");

            await(standby::hasLeadership, "the second latch takes over");
            // The old leader learns of the expiry only when its client reconnects, possibly after the takeover.
            await(() -> firstStates.contains(ConnectionState.LOST), "the first client sees its session lost");
            await(() -> !leader.hasLeadership(), "the first latch knows it lost leadership");
            assertThat(second.checkExists().forPath(leaderNode)).isNull();
        }
    }

    @Test
    void expiringWhereNothingIsEphemeralFailsWithTheReason() throws Exception {
        try (CuratorFramework client = curator()) {
            client.create().creatingParentsIfNeeded().forPath("/faults/plain/child");
        }
        assertThatThrownBy(() -> sandbox.expireSessionOwning("/faults/missing"))
                .isInstanceOf(NoSuchElementException.class).hasMessage("No znode /faults/missing");

        Output output = new Output();
        assertThat(output.run("expire-session", "/faults/missing")).isEqualTo(1);
        assertThat(output.err()).isEqualTo("No znode /faults/missing\n");
        assertThat(output.out()).isEmpty();

        output = new Output();
        assertThat(output.run("expire-session", "/faults/plain")).isEqualTo(1);
        assertThat(output.err()).isEqualTo("Neither /faults/plain nor any sequential child of it is an ephemeral node\n");
    }

    @Test
    void containerControlsAnswerThroughTheEndpoint() throws Exception {
        Output output = new Output();
        assertThat(output.run("containers")).as(output.toString()).isZero();
        assertThat(output.out()).as("no application runs").isEmpty();

        output = new Output();
        assertThat(output.run("containers", "--role", "driver")).isEqualTo(2);
        assertThat(output.err()).isEqualTo("Unknown container role 'driver': use am, taskmanager or other\n");

        output = new Output();
        assertThat(output.run("signal-container", "container_1_0001_01_000001", "KILL")).isEqualTo(1);
        assertThat(output.err()).isEqualTo("No live container container_1_0001_01_000001 in the sandbox\n");

        output = new Output();
        assertThat(output.run("signal-container", "container_1_0001_01_000001", "HUP")).isEqualTo(2);
        assertThat(output.err()).isEqualTo("Unknown signal 'HUP': use KILL, STOP or CONT\n");
    }

    /** A SandboxClient run with its standard streams captured. */
    private static final class Output {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        int run(String... command) throws Exception {
            return new SandboxClient(conf, sandbox.layout().addressesFile(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(command);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "out: " + out() + ", err: " + err();
        }
    }

    private static CuratorFramework curator() {
        CuratorFramework client = CuratorFrameworkFactory.newClient(sandbox.zooKeeperQuorum(), SESSION_TIMEOUT_MS, 5_000,
                new RetryForever(100));
        client.start();
        return client;
    }

    private static void write(FileSystem fs, org.apache.hadoop.fs.Path file, String content) throws IOException {
        try (OutputStream out = fs.create(file)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
