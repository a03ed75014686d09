package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.ha.BlobStore;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.FileSystemJobResultStore;
import io.spindle.ha.JobGraphStore;
import io.spindle.ha.JobResultStore;
import io.spindle.ha.LeaderElectionService;
import io.spindle.ha.LeaderRetrievalService;
import io.spindle.runtime.checkpoint.CheckpointIdCounter;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code high-availability.type: zookeeper}: one Curator client per process, one leader election
 * of the JobManagers, and stores whose every write is fenced by the leader's latch node
 * ({@link LeaderFencedWriter}); the bulky data (job graphs, blobs) lives in the HA storage directory.
 */
public final class ZooKeeperHaServices implements HighAvailabilityServices {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperHaServices.class);

    private final Configuration configuration;
    private final CuratorFramework client;
    private final HaStorageDirectory storage;
    private final ZooKeeperLeaderElectionService leaderElection;
    private final List<ZooKeeperLeaderRetrievalService> retrievers = new CopyOnWriteArrayList<>();
    private volatile ZooKeeperJobGraphStore jobGraphStore;
    private FileSystemJobResultStore jobResultStore;

    /** Checks the storage directory, then connects; fails with nothing left running. */
    public ZooKeeperHaServices(Configuration configuration) throws Exception {
        this.configuration = new Configuration(configuration);
        this.storage = HaStorageDirectory.create(configuration);
        this.client = CuratorClients.start(configuration);
        this.leaderElection = new ZooKeeperLeaderElectionService(client,
                configuration.get(HighAvailabilityOptions.ZOOKEEPER_RETIRE_PREVIOUS_LEADERS));
        LOG.info("ZooKeeper HA services connected to {} under namespace {}",
                configuration.get(HighAvailabilityOptions.ZOOKEEPER_QUORUM), client.getNamespace());
    }

    /** The client, for tests that end its session. */
    CuratorFramework client() {
        return client;
    }

    /** This process's one election: every call returns the same service. */
    @Override
    public LeaderElectionService getJobManagerLeaderElectionService() {
        return leaderElection;
    }

    @Override
    public LeaderRetrievalService getJobManagerLeaderRetriever() {
        ZooKeeperLeaderRetrievalService retriever = new ZooKeeperLeaderRetrievalService(client);
        retrievers.add(retriever);
        return retriever;
    }

    @Override
    public synchronized JobGraphStore getJobGraphStore() throws Exception {
        if (jobGraphStore == null) {
            jobGraphStore = new ZooKeeperJobGraphStore(leaderElection.writer(), storage.subdirectory("jobgraphs"));
        }
        return jobGraphStore;
    }

    @Override
    public CompletedCheckpointStore createCompletedCheckpointStore(String jobId, int maxRetained) throws Exception {
        return new ZooKeeperCompletedCheckpointStore(leaderElection.writer(), jobId, maxRetained);
    }

    @Override
    public CheckpointIdCounter createCheckpointIdCounter(String jobId) {
        return new ZooKeeperCheckpointIdCounter(leaderElection.writer(), jobId);
    }

    @Override
    public BlobStore getBlobStore() throws Exception {
        return new FileSystemBlobStore(storage.subdirectory("blob"));
    }

    /**
     * On the file system, as Flink's: an entry is written once a job ended, by the leader that saw
     * it end, and a later leader only reads it or finishes its cleanup.
     */
    @Override
    public synchronized JobResultStore getJobResultStore() throws Exception {
        if (jobResultStore == null) {
            jobResultStore = FileSystemJobResultStore.create(configuration);
        }
        return jobResultStore;
    }

    @Override
    public void cleanupJobData(String jobId) throws Exception {
        LeaderFencedWriter writer = leaderElection.writer();
        writer.write("delete the checkpoint pointers and counter of job " + jobId, ops -> {
            List<org.apache.curator.framework.api.transaction.CuratorOp> operations = new java.util.ArrayList<>(
                    writer.deleteChildren(ops, ZooKeeperPaths.checkpointsOf(jobId), true));
            if (client.checkExists().forPath(ZooKeeperPaths.checkpointCounter(jobId)) != null) {
                operations.add(ops.delete().forPath(ZooKeeperPaths.checkpointCounter(jobId)));
            }
            return operations;
        });
    }

    @Override
    public String jobDataLocation(String jobId) {
        String root = "ZooKeeper " + configuration.get(HighAvailabilityOptions.ZOOKEEPER_QUORUM) + "/" + client.getNamespace();
        return root + ZooKeeperPaths.jobGraph(jobId) + ", " + root + ZooKeeperPaths.checkpointsOf(jobId) + " and "
                + root + ZooKeeperPaths.checkpointCounter(jobId);
    }

    /** Closes the election, the retrievers and the client; what is stored stays for the next leader. */
    @Override
    public void close() throws Exception {
        try {
            leaderElection.close();
            for (ZooKeeperLeaderRetrievalService retriever : retrievers) {
                retriever.close();
            }
        } finally {
            client.close();
        }
    }
}
