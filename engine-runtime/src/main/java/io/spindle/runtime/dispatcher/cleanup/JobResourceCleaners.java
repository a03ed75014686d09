package io.spindle.runtime.dispatcher.cleanup;

import io.spindle.ha.HighAvailabilityServices;
import io.spindle.ha.JobResultStore;
import io.spindle.runtime.blob.BlobServer;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.util.HadoopFileSystems;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The cleaners of what every ended job may leave behind, in the words the cleanup report uses. */
public final class JobResourceCleaners {
    private JobResourceCleaners() {}

    /** The job's end, recorded as a dirty entry first, so that no later leader runs it again. */
    public static JobResourceCleaner recordEnd(HighAvailabilityServices haServices) {
        return JobResourceCleaner.of("job-result entry (dirty)", job -> resultLocation(haServices, job), job -> {
            JobResultStore store = haServices.getJobResultStore();
            if (store.find(job.getJobId()).isEmpty()) {
                store.createDirtyResult(job);
            }
        });
    }

    /** The job's jars, on the blob server and in the HA blob store. */
    public static JobResourceCleaner blobs(BlobServer blobServer) {
        return JobResourceCleaner.of("blobs", job -> "the blob server's and the HA blob store's job_" + job.getJobId(),
                job -> blobServer.deleteJob(job.getJobId()));
    }

    /**
     * The job's checkpoint directory, everything in it: retained checkpoints, and subsumed ones
     * whose deletion failed while the job ran. Only when the retention policy let them go (the
     * JobMaster names the directory in the result); kept checkpoints are the user's.
     */
    public static JobResourceCleaner checkpoints() {
        return JobResourceCleaner.of("checkpoints", job -> job.getCheckpointsToDelete().isEmpty()
                ? "none (kept by the retention policy, or not taken)" : job.getCheckpointsToDelete(), job -> {
            if (job.getCheckpointsToDelete().isEmpty()) {
                return;
            }
            Path directory = new Path(job.getCheckpointsToDelete());
            FileSystem fs = HadoopFileSystems.forPath(directory);
            if (!fs.delete(directory, true) && fs.exists(directory)) {
                throw new IOException("Could not delete " + directory);
            }
        });
    }

    /** The job graph, checkpoint pointers and counter kept for a later leader. */
    public static JobResourceCleaner highAvailabilityData(HighAvailabilityServices haServices) {
        return JobResourceCleaner.of("high-availability data", job -> haServices.jobDataLocation(job.getJobId()), job -> {
            haServices.getJobGraphStore().removeJobGraph(job.getJobId());
            haServices.cleanupJobData(job.getJobId());
        });
    }

    /** The entry marked clean: the last step, so that a dirty entry means something may be left. */
    public static JobResourceCleaner markClean(HighAvailabilityServices haServices) {
        return JobResourceCleaner.of("job-result entry", job -> resultLocation(haServices, job),
                job -> haServices.getJobResultStore().markResultAsClean(job.getJobId()));
    }

    private static String resultLocation(HighAvailabilityServices haServices, JobResultMessage job) {
        try {
            return haServices.getJobResultStore().location(job.getJobId());
        } catch (Exception unreachable) {
            return "the job-result store (unreachable: " + unreachable.getMessage() + ")";
        }
    }
}
