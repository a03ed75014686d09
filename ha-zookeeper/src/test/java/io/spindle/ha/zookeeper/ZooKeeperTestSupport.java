package io.spindle.ha.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.JobID;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderInformation;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.storage.CheckpointMetadataFormat;
import io.spindle.runtime.checkpoint.storage.FsCheckpointStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Configuration with short timeouts, and contenders and listeners that record what they hear. */
final class ZooKeeperTestSupport {
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

    private ZooKeeperTestSupport() {}

    static Configuration configuration(String quorum, Path storageDir) {
        return new Configuration()
                .set(HighAvailabilityOptions.TYPE, "zookeeper")
                .set(HighAvailabilityOptions.ZOOKEEPER_QUORUM, quorum)
                .set(HighAvailabilityOptions.STORAGE_DIR, storageDir.toUri().toString())
                .set(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT, SESSION_TIMEOUT)
                .set(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
                .set(HighAvailabilityOptions.ZOOKEEPER_RETRY_WAIT, Duration.ofMillis(100))
                .set(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_ATTEMPTS, 3);
    }

    static void expireSession(ZooKeeperHaServices services) throws Exception {
        services.client().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    static JobGraph jobGraph(String name) {
        return new JobGraph(JobID.generate(), name, List.of(new JobVertex(0, "Source", 1, 128, true, new byte[] {7})),
                List.of(), new Configuration(), List.of());
    }

    /** A completed checkpoint with a real {@code _metadata} file, as the checkpoint storage writes it. */
    static CompletedCheckpoint writeCheckpoint(Path checkpointsDir, String jobId, long checkpointId, boolean savepoint)
            throws Exception {
        FsCheckpointStorage storage = new FsCheckpointStorage(checkpointsDir.toUri().toString(), null, jobId);
        String location = storage.initializeCheckpointLocation(checkpointId);
        storage.writeMetadata(location, CheckpointMetadata.newBuilder().setJobId(jobId).setCheckpointId(checkpointId)
                .setTimestamp(1000 + checkpointId).setSavepoint(savepoint).build());
        return new CompletedCheckpoint(location, CheckpointMetadataFormat.read(location), 2000 + checkpointId);
    }

    /** Records grants and revokes; publishes its address on every grant, as the JobManager does. */
    static final class RecordingContender implements LeaderContender {
        final String address;
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final ZooKeeperHaServices services;
        volatile UUID sessionId;

        RecordingContender(ZooKeeperHaServices services, String address) {
            this.services = services;
            this.address = address;
        }

        @Override
        public void grantLeadership(UUID leaderSessionId) {
            sessionId = leaderSessionId;
            events.add("grant");
            services.getJobManagerLeaderElectionService()
                    .confirmLeadership(new LeaderInformation(leaderSessionId, address, "http://" + address));
        }

        @Override
        public void revokeLeadership() {
            sessionId = null;
            events.add("revoke");
        }

        @Override
        public void handleError(Exception error) {
            events.add("error " + error);
        }

        boolean leads() {
            UUID id = sessionId;
            return id != null && services.getJobManagerLeaderElectionService().hasLeadership(id);
        }

        void expectNext(String event, Duration timeout) throws InterruptedException {
            assertThat(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS)).as(address + "'s next event")
                    .isEqualTo(event);
        }
    }

    static final class RecordingListener implements LeaderRetrievalListener {
        final BlockingQueue<java.util.Optional<LeaderInformation>> leaders = new LinkedBlockingQueue<>();
        volatile LeaderInformation current;

        @Override
        public void notifyLeader(LeaderInformation leader) {
            current = leader;
            leaders.add(java.util.Optional.ofNullable(leader));
        }

        @Override
        public void handleError(Exception error) {
            throw new AssertionError(error);
        }
    }
}
