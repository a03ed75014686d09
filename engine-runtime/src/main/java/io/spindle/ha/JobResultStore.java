package io.spindle.ha;

import io.spindle.runtime.messages.JobResultMessage;
import java.util.List;
import java.util.Optional;

/**
 * What a cluster knows of the jobs that ended for good (FINISHED, FAILED, CANCELED), so that no
 * leader runs one again. An ended job first gets a dirty entry; its resources are cleaned up;
 * then the entry is marked clean. A leader that finds a dirty entry resumes the cleanup and
 * reports the job as ended; a job with any entry is neither recovered nor accepted again.
 * Implementations may block: callers use them off the RPC main threads.
 */
public interface JobResultStore {

    /**
     * Records that the job ended, before its cleanup starts.
     *
     * @throws IllegalStateException when the job has an entry already
     */
    void createDirtyResult(JobResultMessage result) throws Exception;

    /**
     * Records that the job's cleanup is done. Idempotent: does nothing when the job has no dirty
     * entry (marked clean already, or its entry deleted on commit), as a cleanup may run twice.
     */
    void markResultAsClean(String jobId) throws Exception;

    /** The job's entry; empty when it has none (or its clean entry was deleted on commit). */
    Optional<JobResultEntry> find(String jobId) throws Exception;

    /** Every entry: the jobs whose cleanup is not done, and the clean ones still kept. */
    List<JobResultEntry> getEntries() throws Exception;

    /** Where the job's entry is kept, for reports of what a cleanup left. */
    default String location(String jobId) {
        return "the JobManager's memory";
    }

    /** A stored result, and whether the job's cleanup is done. */
    record JobResultEntry(JobResultMessage result, boolean clean) {}
}
