package io.spindle.ha.zookeeper;

import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.client.rest.LeaderRestEndpointLocator;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.ClusterLocator.LocatedCluster;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.ha.zookeeper.ZooKeeperTestSupport.RecordingContender;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's way to the leader of a highly available cluster: the REST address it published in ZooKeeper. */
class LeaderRestEndpointLocatorTest {
    private static final LeaderRestEndpointLocator LOCATOR = new LeaderRestEndpointLocator(Duration.ofSeconds(2));

    @TempDir
    Path storage;
    private TestingServer zooKeeper;

    @BeforeEach
    void startZooKeeper() throws Exception {
        zooKeeper = new TestingServer(true);
    }

    @AfterEach
    void stop() throws Exception {
        zooKeeper.close();
    }

    @Test
    void findsTheRestEndpointTheLeaderPublishedAndFollowsTheNextLeader() throws Exception {
        Configuration configuration = configuration(zooKeeper.getConnectString(), storage);
        try (ZooKeeperHaServices first = new ZooKeeperHaServices(configuration)) {
            RecordingContender leader = new RecordingContender(first, "127.0.0.1:6123");
            first.getJobManagerLeaderElectionService().start(leader);
            leader.expectNext("grant", Duration.ofSeconds(10));

            LocatedCluster located = LOCATOR.locate(configuration).orElseThrow();
            assertThat(located.executionTarget()).isEqualTo("remote");
            assertThat(located.restHost() + ":" + located.restPort()).isEqualTo("127.0.0.1:6123");
            assertThat(located.description()).contains("leading JobManager at 127.0.0.1:6123")
                    .contains(zooKeeper.getConnectString());
        }
        try (ZooKeeperHaServices second = new ZooKeeperHaServices(configuration)) {
            RecordingContender next = new RecordingContender(second, "127.0.0.1:7123");
            second.getJobManagerLeaderElectionService().start(next);
            next.expectNext("grant", Duration.ofSeconds(10));
            assertThat(LOCATOR.locate(configuration).orElseThrow().restPort()).isEqualTo(7123);
        }
    }

    @Test
    void withoutALeaderTheErrorNamesWhereItLookedAndWhatToDo() {
        Configuration configuration = configuration(zooKeeper.getConnectString(), storage)
                .set(HighAvailabilityOptions.CLUSTER_ID, "/no-such-cluster");
        assertThatThrownBy(() -> LOCATOR.locate(configuration))
                .hasMessageContaining("No JobManager leads the cluster in ZooKeeper at " + zooKeeper.getConnectString())
                .hasMessageContaining("cluster id /no-such-cluster")
                .hasMessageContaining("-m host:port");
    }

    @Test
    void knowsOfNothingWithoutHighAvailability() throws Exception {
        assertThat(LOCATOR.locate(new Configuration())).isEmpty();
    }
}
