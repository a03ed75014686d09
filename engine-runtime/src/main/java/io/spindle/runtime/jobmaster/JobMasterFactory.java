package io.spindle.runtime.jobmaster;

import io.spindle.graph.JobGraph;
import java.util.UUID;

/** Creates the JobMaster of a submitted job, under the Dispatcher's leader session. */
@FunctionalInterface
public interface JobMasterFactory {
    JobMasterService create(JobGraph jobGraph, UUID leaderSessionId) throws Exception;
}
