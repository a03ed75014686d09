package io.spindle.ha.zookeeper;

import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.await;
import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.configuration;
import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.jobGraph;
import static io.spindle.ha.zookeeper.ZooKeeperTestSupport.writeCheckpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.ha.JobGraphStore;
import io.spindle.ha.zookeeper.ZooKeeperTestSupport.RecordingContender;
import io.spindle.runtime.checkpoint.CheckpointIdCounter;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JobManager that lost its latch node cannot change any store, whatever it believes. */
class ZooKeeperFencingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String JOB = "00000000000000000000000000000001";

    @TempDir
    Path storage;
    @TempDir
    Path checkpoints;
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

    private ZooKeeperHaServices services(Configuration configuration) throws Exception {
        ZooKeeperHaServices services = new ZooKeeperHaServices(configuration);
        opened.add(services);
        return services;
    }

    private RecordingContender lead(ZooKeeperHaServices services, String address) throws Exception {
        RecordingContender contender = new RecordingContender(services, address);
        services.getJobManagerLeaderElectionService().start(contender);
        return contender;
    }

    @Test
    void aStandbyTakesOverFromALeaderWhoseSessionExpiredAndTheOldLeaderCannotWrite() throws Exception {
        ZooKeeperHaServices oldServices = services(configuration(zooKeeper.getConnectString(), storage));
        RecordingContender oldLeader = lead(oldServices, "old:1");
        oldLeader.expectNext("grant", WAIT);
        ZooKeeperHaServices newServices = services(configuration(zooKeeper.getConnectString(), storage));
        RecordingContender newLeader = lead(newServices, "new:1");
        Stores old = Stores.of(oldServices);
        old.jobGraphs.putJobGraph(jobGraph("before"));
        old.checkpoints.addCheckpointAndSubsumeOldest(writeCheckpoint(checkpoints, JOB, 1, false), c -> {});
        assertThat(old.counter.getAndIncrement()).isEqualTo(1);

        ZooKeeperTestSupport.expireSession(oldServices);
        oldLeader.expectNext("revoke", WAIT);
        newLeader.expectNext("grant", WAIT);
        Stores fresh = Stores.of(newServices);
        JobGraph newJob = jobGraph("new leader's");
        fresh.jobGraphs.putJobGraph(newJob);
        assertThat(fresh.counter.getAndIncrement()).isEqualTo(2);

        assertOldLeaderIsFenced(old, fresh, newJob);
    }

    @Test
    void aNewAttemptWithRetirePreviousLeadsAtOnceAndTheLiveOldLeaderIsFenced() throws Exception {
        ZooKeeperHaServices oldServices = services(configuration(zooKeeper.getConnectString(), storage));
        RecordingContender oldLeader = lead(oldServices, "old:1");
        oldLeader.expectNext("grant", WAIT);
        Stores old = Stores.of(oldServices);
        old.jobGraphs.putJobGraph(jobGraph("before"));
        old.checkpoints.addCheckpointAndSubsumeOldest(writeCheckpoint(checkpoints, JOB, 1, false), c -> {});
        assertThat(old.counter.getAndIncrement()).isEqualTo(1);

        ZooKeeperHaServices newServices = services(configuration(zooKeeper.getConnectString(), storage)
                .set(HighAvailabilityOptions.ZOOKEEPER_RETIRE_PREVIOUS_LEADERS, true));
        RecordingContender newLeader = lead(newServices, "new:1");
        // At once: well within the old leader's session timeout.
        newLeader.expectNext("grant", Duration.ofSeconds(2));
        // The old leader still has its session and still believes it leads: only the fence stops it.
        assertThat(oldLeader.leads()).isTrue();
        Stores fresh = Stores.of(newServices);
        JobGraph newJob = jobGraph("new leader's");
        fresh.jobGraphs.putJobGraph(newJob);
        assertThat(fresh.counter.getAndIncrement()).isEqualTo(2);

        assertOldLeaderIsFenced(old, fresh, newJob);
        await("retrieval-visible connection info is the new leader's", WAIT, () -> {
            try {
                byte[] data = newServices.client().getData().forPath(ZooKeeperPaths.LEADER_CONNECTION_INFO);
                return LeaderInformationCodec.decode(data).rpcAddress().equals("new:1");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private void assertOldLeaderIsFenced(Stores old, Stores fresh, JobGraph newJob) throws Exception {
        assertThatThrownBy(() -> old.jobGraphs.putJobGraph(jobGraph("stale")))
                .isInstanceOf(LeadershipLostException.class).hasMessageContaining("no longer leads");
        assertThatThrownBy(() -> old.jobGraphs.removeJobGraph(newJob.getJobId().toHexString()))
                .isInstanceOf(LeadershipLostException.class);
        CompletedCheckpoint stale = writeCheckpoint(checkpoints, JOB, 5, false);
        assertThatThrownBy(() -> old.checkpoints.addCheckpointAndSubsumeOldest(stale, c -> {}))
                .isInstanceOf(LeadershipLostException.class);
        assertThatThrownBy(old.counter::getAndIncrement).isInstanceOf(LeadershipLostException.class);
        assertThatThrownBy(() -> old.counter.setCount(100)).isInstanceOf(LeadershipLostException.class);

        assertThat(fresh.jobGraphs.getJobIds()).contains(newJob.getJobId().toHexString()).hasSize(2);
        assertThat(fresh.jobGraphs.recoverJobGraph(newJob.getJobId().toHexString()).getName())
                .isEqualTo("new leader's");
        assertThat(fresh.counter.get()).isEqualTo(3);
        CompletedCheckpointStore recovered = fresh.services.createCompletedCheckpointStore(JOB, 3);
        assertThat(recovered.getAllCheckpoints()).extracting(CompletedCheckpoint::checkpointId).containsExactly(1L);
    }

    private record Stores(ZooKeeperHaServices services, JobGraphStore jobGraphs, CompletedCheckpointStore checkpoints,
            CheckpointIdCounter counter) {
        static Stores of(ZooKeeperHaServices services) throws Exception {
            return new Stores(services, services.getJobGraphStore(), services.createCompletedCheckpointStore(JOB, 3),
                    services.createCheckpointIdCounter(JOB));
        }
    }
}
