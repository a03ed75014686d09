package io.spindle.ha;

import io.spindle.runtime.checkpoint.CheckpointRecoveryFactory;
import java.util.UUID;

/**
 * The HA seams of a cluster: leader election and retrieval for the JobManager, and the stores a
 * new leader recovers from (job graphs, completed checkpoints, checkpoint ids, user jars). Made
 * by {@link HighAvailabilityServicesLoader} from {@link HighAvailabilityOptions#TYPE}.
 */
public interface HighAvailabilityServices extends CheckpointRecoveryFactory, AutoCloseable {
    /** The fencing token used without HA, where a single JobManager always leads (as in Flink). */
    UUID DEFAULT_LEADER_ID = new UUID(0L, 0L);

    LeaderElectionService getJobManagerLeaderElectionService();

    LeaderRetrievalService getJobManagerLeaderRetriever();

    JobGraphStore getJobGraphStore() throws Exception;

    BlobStore getBlobStore() throws Exception;

    /** What the cluster knows of the jobs that ended for good, so that none runs twice. */
    JobResultStore getJobResultStore() throws Exception;

    /** Deletes what these services keep of a job that ended for good (its checkpoint pointers and counter). */
    void cleanupJobData(String jobId) throws Exception;

    /** Where {@link #cleanupJobData} and the job-graph store keep a job's data, for reports of what a cleanup left. */
    default String jobDataLocation(String jobId) {
        return "the JobManager's memory";
    }

    /** Releases connections; the stored data stays for the next leader. */
    @Override
    void close() throws Exception;
}
