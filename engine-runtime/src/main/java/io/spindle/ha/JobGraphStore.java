package io.spindle.ha;

import io.spindle.graph.JobGraph;
import java.util.Collection;

/**
 * The job graphs of the jobs a cluster runs, so that a new leader recovers them. Written by the
 * leading Dispatcher only; a highly available store refuses writes of a JobManager that no
 * longer leads. Implementations may block: callers use them off the RPC main threads.
 */
public interface JobGraphStore {

    /** Stores or replaces the graph of a job. */
    void putJobGraph(JobGraph jobGraph) throws Exception;

    /** The stored graph of a job, or null when there is none. */
    JobGraph recoverJobGraph(String jobId) throws Exception;

    /** Forgets a job (it ended for good); removing an absent job is a no-op. */
    void removeJobGraph(String jobId) throws Exception;

    /** The ids of every stored job. */
    Collection<String> getJobIds() throws Exception;
}
