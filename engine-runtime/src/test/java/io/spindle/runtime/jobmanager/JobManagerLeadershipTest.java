package io.spindle.runtime.jobmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.JobID;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.ha.BlobStore;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.JobGraphStore;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElectionService;
import io.spindle.ha.JobResultStore;
import io.spindle.ha.LeaderInformation;
import io.spindle.ha.LeaderRetrievalService;
import io.spindle.ha.StandaloneHaServices;
import io.spindle.rpc.RpcOptions;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.checkpoint.CheckpointIdCounter;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.resourcemanager.StandaloneResourceDriver;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link JobManager} on a loopback RPC service under an election the test drives: each grant
 * brings up a Dispatcher fenced by the new session that recovers the stored jobs, each revoke
 * stops it, and the confirmed leader information is published, any number of times.
 */
class JobManagerLeadershipTest {
    private static final long WAIT_SECONDS = 10;

    private final ManualElection election = new ManualElection();
    private final StandaloneHaServices stores = new StandaloneHaServices("127.0.0.1:1");
    private RpcService rpcService;
    private JobManager jobManager;

    @BeforeEach
    void start() throws Exception {
        rpcService = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        jobManager = new JobManager(rpcService, new Configuration(), new ElectionWithStores(), new StandaloneResourceDriver(), null);
        jobManager.start("http://127.0.0.1:8081");
    }

    @AfterEach
    void stop() throws Exception {
        jobManager.close();
        rpcService.close();
    }

    @Test
    void grantRevokeGrantBuildsAFreshDispatcherThatRecoversTheStoredJobs() throws Exception {
        assertThat(jobManager.currentLeadership()).isEmpty();

        UUID first = UUID.randomUUID();
        election.grant(first);
        LeaderGateways firstGateways = jobManager.leadership().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(firstGateways.sessionId()).isEqualTo(first);
        assertThat(election.confirmed).last().satisfies(info -> {
            assertThat(info.sessionId()).isEqualTo(first);
            assertThat(info.rpcAddress()).isEqualTo("127.0.0.1:" + rpcService.getAddress().getPort());
            assertThat(info.restAddress()).isEqualTo("http://127.0.0.1:8081");
        });
        JobGraph job = jobGraph("survives leaders");
        firstGateways.dispatcher().submitJob(job).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(stores.getJobGraphStore().getJobIds()).containsExactly(job.getJobId().toHexString());

        for (int round = 0; round < 3; round++) {
            election.revoke();
            awaitNotLeading();
            assertThatThrownBy(() -> firstGateways.dispatcher().listJobs().get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(stores.getJobGraphStore().getJobIds()).as("the job outlives the leadership")
                    .containsExactly(job.getJobId().toHexString());

            UUID next = UUID.randomUUID();
            election.grant(next);
            LeaderGateways gateways = jobManager.leadership().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(gateways.sessionId()).isEqualTo(next);
            assertThat(awaitJobs(gateways)).extracting(JobSummary::getJobId)
                    .containsExactly(job.getJobId().toHexString());
        }
    }

    @Test
    void aGrantRevokedBeforeItIsTakenUpStartsNothing() throws Exception {
        election.grantWithoutLeadership(UUID.randomUUID());
        UUID real = UUID.randomUUID();
        election.grant(real);
        assertThat(jobManager.leadership().get(WAIT_SECONDS, TimeUnit.SECONDS).sessionId()).isEqualTo(real);
        assertThat(election.confirmed).extracting(LeaderInformation::sessionId).containsExactly(real);
    }

    private void awaitNotLeading() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (jobManager.currentLeadership().isPresent()) {
            assertThat(System.nanoTime()).as("leadership stopped in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** The recovered JobMaster is made off the Dispatcher's thread: the job appears moments after the grant. */
    private List<JobSummary> awaitJobs(LeaderGateways gateways) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            List<JobSummary> jobs = gateways.dispatcher().listJobs().get(WAIT_SECONDS, TimeUnit.SECONDS).getJobsList();
            if (!jobs.isEmpty() || System.nanoTime() > deadline) {
                return jobs;
            }
            Thread.sleep(10);
        }
    }

    private static JobGraph jobGraph(String name) {
        return new JobGraph(JobID.generate(), name, List.of(new JobVertex(0, "Source", 1, 128, true, new byte[] {7})),
                List.of(), new Configuration(), List.of());
    }

    /** An election the test drives, as ZooKeeper's would: grant and revoke arrive on the test's thread. */
    private final class ManualElection implements LeaderElectionService {
        final List<LeaderInformation> confirmed = new CopyOnWriteArrayList<>();
        volatile LeaderContender contender;
        volatile UUID leader;

        void grant(UUID session) {
            leader = session;
            contender.grantLeadership(session);
        }

        /** A grant whose leadership is already gone when the contender looks. */
        void grantWithoutLeadership(UUID session) {
            contender.grantLeadership(session);
        }

        void revoke() {
            leader = null;
            contender.revokeLeadership();
        }

        @Override
        public void start(LeaderContender contender) {
            this.contender = contender;
        }

        @Override
        public void confirmLeadership(LeaderInformation information) {
            if (information.sessionId().equals(leader)) {
                confirmed.add(information);
            }
        }

        @Override
        public boolean hasLeadership(UUID leaderSessionId) {
            return leaderSessionId.equals(leader);
        }

        @Override
        public void close() {}
    }

    /** The manual election with the in-memory stores of {@code none}. */
    private final class ElectionWithStores implements HighAvailabilityServices {
        @Override
        public LeaderElectionService getJobManagerLeaderElectionService() {
            return election;
        }

        @Override
        public LeaderRetrievalService getJobManagerLeaderRetriever() {
            return stores.getJobManagerLeaderRetriever();
        }

        @Override
        public JobGraphStore getJobGraphStore() {
            return stores.getJobGraphStore();
        }

        @Override
        public CompletedCheckpointStore createCompletedCheckpointStore(String jobId, int maxRetained) {
            return stores.createCompletedCheckpointStore(jobId, maxRetained);
        }

        @Override
        public CheckpointIdCounter createCheckpointIdCounter(String jobId) {
            return stores.createCheckpointIdCounter(jobId);
        }

        @Override
        public BlobStore getBlobStore() {
            return BlobStore.NONE;
        }

        @Override
        public JobResultStore getJobResultStore() {
            return stores.getJobResultStore();
        }

        @Override
        public void cleanupJobData(String jobId) {}

        @Override
        public void close() {}
    }
}
