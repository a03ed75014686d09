package io.spindle.ha.zookeeper;

import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.configuration;
import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.jobGraph;
import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.ha.zookeeper.ZooKeeperTestSupport.RecordingContender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the end of the session revokes leadership; a connection that comes back in time keeps it. */
class ZooKeeperConnectionLossTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path storage;

    @Test
    void aSuspendedConnectionThatComesBackWithinTheSessionKeepsLeadership() throws Exception {
        try (TestingServer zooKeeper = new TestingServer(true);
                ZooKeeperHaServices services = new ZooKeeperHaServices(configuration(zooKeeper.getConnectString(),
                        storage).set(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT, Duration.ofSeconds(8)))) {
            RecordingContender contender = new RecordingContender(services, "jobmanager:1");
            services.getJobManagerLeaderElectionService().start(contender);
            contender.expectNext("grant", WAIT);
            var states = new java.util.concurrent.LinkedBlockingQueue<ConnectionState>();
            services.client().getConnectionStateListenable().addListener((client, state) -> states.add(state));

            zooKeeper.restart(); // same port, same data: the session survives

            assertThat(states.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ConnectionState.SUSPENDED);
            assertThat(states.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ConnectionState.RECONNECTED);
            assertThat(contender.events.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(contender.leads()).isTrue();
            services.getJobGraphStore().putJobGraph(jobGraph("after reconnecting"));
            assertThat(services.getJobGraphStore().getJobIds()).hasSize(1);
        }
    }

    @Test
    void aQuorumOfThreeSurvivesOneLossAndWithoutQuorumTheLeaderIsRevokedUntilItReturns() throws Exception {
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            try (ZooKeeperHaServices services = new ZooKeeperHaServices(configuration(cluster.getConnectString(),
                    storage))) {
                RecordingContender contender = new RecordingContender(services, "jobmanager:1");
                services.getJobManagerLeaderElectionService().start(contender);
                contender.expectNext("grant", WAIT);

                InstanceSpec[] servers = cluster.getInstances().toArray(new InstanceSpec[0]);
                cluster.killServer(servers[0]);
                assertThat(contender.events.poll(ZooKeeperTestSupport.SESSION_TIMEOUT.toMillis() + 2000,
                        TimeUnit.MILLISECONDS)).isNull();
                services.getJobGraphStore().putJobGraph(jobGraph("with two of three"));

                cluster.killServer(servers[1]);
                contender.expectNext("revoke", WAIT);
                assertThat(contender.leads()).isFalse();

                cluster.restartServer(servers[1]);
                contender.expectNext("grant", Duration.ofSeconds(40));
                assertThat(contender.leads()).isTrue();
                services.getJobGraphStore().putJobGraph(jobGraph("after quorum returned"));
                assertThat(services.getJobGraphStore().getJobIds()).hasSize(2);
            }
        }
    }
}
