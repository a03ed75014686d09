package io.spindle.yarn.appmaster;

import io.spindle.api.JobStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;

/** How a YARN cluster ended, as reported when the AM unregisters. */
record ClusterOutcome(FinalApplicationStatus status, String diagnostics) {

    static ClusterOutcome of(JobStatus jobStatus, String what) {
        return switch (jobStatus) {
            case FINISHED -> new ClusterOutcome(FinalApplicationStatus.SUCCEEDED, what + " finished");
            case CANCELED -> new ClusterOutcome(FinalApplicationStatus.KILLED, what + " was cancelled");
            default -> new ClusterOutcome(FinalApplicationStatus.FAILED, what + " failed");
        };
    }
}
