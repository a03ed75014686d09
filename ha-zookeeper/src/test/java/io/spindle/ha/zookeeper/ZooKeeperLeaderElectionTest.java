package io.spindle.ha.zookeeper;

import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.await;
import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.configuration;
import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.LeaderRetrievalService;
import io.spindle.ha.zookeeper.ZooKeeperTestSupport.RecordingContender;
import io.spindle.ha.zookeeper.ZooKeeperTestSupport.RecordingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperLeaderElectionTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path storage;
    private TestingServer zooKeeper;
    private final List<ZooKeeperHaServices> opened = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        zooKeeper = new TestingServer(true);
    }

    @AfterEach
    void stop() throws Exception {
        for (ZooKeeperHaServices services : opened) {
            services.close();
        }
        zooKeeper.close();
    }

    private ZooKeeperHaServices services() throws Exception {
        ZooKeeperHaServices services = new ZooKeeperHaServices(configuration(zooKeeper.getConnectString(), storage));
        opened.add(services);
        return services;
    }

    private List<RecordingContender> contenders(int count) throws Exception {
        List<RecordingContender> contenders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ZooKeeperHaServices services = services();
            RecordingContender contender = new RecordingContender(services, "jobmanager-" + i + ":6123");
            services.getJobManagerLeaderElectionService().start(contender);
            contenders.add(contender);
        }
        return contenders;
    }

    private static RecordingContender awaitSingleLeader(List<RecordingContender> contenders) throws Exception {
        await("one contender leads", WAIT, () -> contenders.stream().anyMatch(RecordingContender::leads));
        Thread.sleep(300); // a second grant, if there were one, would come now
        List<RecordingContender> leaders = contenders.stream().filter(RecordingContender::leads).toList();
        assertThat(leaders).hasSize(1);
        return leaders.get(0);
    }

    @Test
    void twoContendersElectOneAndTheStandbyTakesOverWhenTheLeaderCloses() throws Exception {
        electAndFailOver(2);
    }

    @Test
    void threeContendersElectOneAndAnotherTakesOverWhenTheLeaderCloses() throws Exception {
        electAndFailOver(3);
    }

    private void electAndFailOver(int count) throws Exception {
        List<RecordingContender> contenders = new ArrayList<>(contenders(count));
        LeaderRetrievalService retriever = services().getJobManagerLeaderRetriever();
        RecordingListener listener = new RecordingListener();
        retriever.start(listener);

        RecordingContender first = awaitSingleLeader(contenders);
        await("retrieval reports the first leader", WAIT,
                () -> listener.current != null && listener.current.rpcAddress().equals(first.address));
        assertThat(listener.current.sessionId()).isEqualTo(first.sessionId);
        assertThat(listener.current.restAddress()).isEqualTo("http://" + first.address);

        ZooKeeperHaServices firstServices = opened.get(contenders.indexOf(first));
        firstServices.close();
        opened.remove(firstServices);
        contenders.remove(first);

        RecordingContender second = awaitSingleLeader(contenders);
        await("retrieval reports the new leader", WAIT,
                () -> listener.current != null && listener.current.rpcAddress().equals(second.address));
        assertThat(listener.current.sessionId()).isEqualTo(second.sessionId);
        for (RecordingContender other : contenders) {
            if (other != second) {
                assertThat(other.events).isEmpty();
            }
        }
    }

    @Test
    void leadershipIsGrantedAgainAfterEachExpiredSession() throws Exception {
        ZooKeeperHaServices services = services();
        RecordingContender contender = new RecordingContender(services, "jobmanager:6123");
        services.getJobManagerLeaderElectionService().start(contender);
        contender.expectNext("grant", WAIT);
        for (int round = 0; round < 2; round++) {
            var previous = contender.sessionId;
            ZooKeeperTestSupport.expireSession(services);
            contender.expectNext("revoke", WAIT);
            assertThat(services.getJobManagerLeaderElectionService().hasLeadership(previous)).isFalse();
            contender.expectNext("grant", WAIT.plus(ZooKeeperTestSupport.SESSION_TIMEOUT));
            assertThat(contender.sessionId).isNotEqualTo(previous);
            assertThat(contender.leads()).isTrue();
        }
    }

    @Test
    void retrievalReportsNoLeaderWhenTheConnectionInfoIsGoneAndNoDuplicates() throws Exception {
        ZooKeeperHaServices leaderServices = services();
        RecordingContender contender = new RecordingContender(leaderServices, "jobmanager:6123");
        leaderServices.getJobManagerLeaderElectionService().start(contender);
        RecordingListener listener = new RecordingListener();
        services().getJobManagerLeaderRetriever().start(listener);
        contender.expectNext("grant", WAIT);
        await("retrieval reports the leader", WAIT, () -> listener.current != null);

        // The same content again is no news.
        leaderServices.getJobManagerLeaderElectionService().confirmLeadership(listener.current);
        Thread.sleep(500);
        assertThat(listener.leaders).hasSize(1);

        leaderServices.close();
        opened.remove(leaderServices);
        await("retrieval reports no leader", WAIT, () -> listener.current == null);
        assertThat(listener.leaders).hasSize(2);
    }

    @Test
    void aConfirmationOfAnOldSessionIsIgnored() throws Exception {
        ZooKeeperHaServices services = services();
        RecordingContender contender = new RecordingContender(services, "jobmanager:6123");
        services.getJobManagerLeaderElectionService().start(contender);
        RecordingListener listener = new RecordingListener();
        services().getJobManagerLeaderRetriever().start(listener);
        contender.expectNext("grant", WAIT);
        await("retrieval reports the leader", WAIT, () -> listener.current != null);

        services.getJobManagerLeaderElectionService().confirmLeadership(new io.spindle.ha.LeaderInformation(
                java.util.UUID.randomUUID(), "impostor:1", null));
        Thread.sleep(500);
        assertThat(listener.current.rpcAddress()).isEqualTo("jobmanager:6123");
    }
}
