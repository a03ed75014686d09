package io.spindle.ha.zookeeper;

import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.HighAvailabilityServicesLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperConfigurationTest {
    @TempDir
    Path storage;

    @Test
    void theLoaderFindsTheZooKeeperServicesAndTheNodesLiveUnderRootAndClusterId() throws Exception {
        try (TestingServer zooKeeper = new TestingServer(true);
                HighAvailabilityServices services = HighAvailabilityServicesLoader.load(
                        configuration(zooKeeper.getConnectString(), storage)
                                .set(HighAvailabilityOptions.ZOOKEEPER_ROOT, "/spindle/")
                                .set(HighAvailabilityOptions.CLUSTER_ID, "//application_1"), "ignored:1")) {
            assertThat(services).isInstanceOf(ZooKeeperHaServices.class);
            assertThat(((ZooKeeperHaServices) services).client().getNamespace()).isEqualTo("spindle/application_1");
            assertThat(storage.resolve("application_1")).isDirectory();
            assertThat(storage.resolve("application_1")).isEmptyDirectory(); // the probe is gone
        }
        assertThat(ZooKeeperPaths.namespace("/spindle", "/default")).isEqualTo("spindle/default");
    }

    @Test
    void anUnreachableQuorumFailsWithinTheConnectionTimeoutNamingTheQuorum() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String quorum = "127.0.0.1:" + closedPort;
        Configuration configuration = configuration(quorum, storage)
                .set(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT, Duration.ofSeconds(2));
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ZooKeeperHaServices(configuration))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(quorum)
                .hasMessageContaining("2000 ms")
                .hasMessageContaining(HighAvailabilityOptions.ZOOKEEPER_QUORUM.key());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.isAlive()
                && thread.getName().contains("-SendThread(127.0.0.1:" + closedPort + ")"));
    }

    @Test
    void aMissingQuorumOrStorageDirIsNamed() {
        Configuration noQuorum = configuration("x:1", storage);
        noQuorum.setString(HighAvailabilityOptions.ZOOKEEPER_QUORUM.key(), " ");
        assertThatThrownBy(() -> new ZooKeeperHaServices(noQuorum)).isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining(HighAvailabilityOptions.ZOOKEEPER_QUORUM.key());
        Configuration noStorage = configuration("127.0.0.1:1", storage);
        noStorage.setString(HighAvailabilityOptions.STORAGE_DIR.key(), "");
        assertThatThrownBy(() -> new ZooKeeperHaServices(noStorage)).isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining(HighAvailabilityOptions.STORAGE_DIR.key());
    }

    @Test
    void anUnwritableStorageDirIsNamed() throws Exception {
        Path regularFile = Files.writeString(storage.resolve("a-file"), "not a directory");
        Path under = regularFile.resolve("ha");
        assertThatThrownBy(() -> new ZooKeeperHaServices(configuration("127.0.0.1:1", under)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(under.toString())
                .hasMessageContaining("not writable");
    }
}
