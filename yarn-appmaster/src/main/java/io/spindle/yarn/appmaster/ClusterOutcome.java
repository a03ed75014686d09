package io.spindle.yarn.appmaster;

import io.spindle.api.JobStatus;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.SerializedFailure;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;

/**
 * How a YARN cluster ended, as reported when the AM unregisters; or, with {@code attemptOnly},
 * how this attempt ended without unregistering, so that YARN starts the next attempt.
 */
record ClusterOutcome(FinalApplicationStatus status, String diagnostics, boolean attemptOnly) {

    ClusterOutcome(FinalApplicationStatus status, String diagnostics) {
        this(status, diagnostics, false);
    }

    /** This attempt gives up its part: YARN's next attempt (if any are left) takes over the cluster. */
    static ClusterOutcome attemptEnds(String diagnostics) {
        return new ClusterOutcome(FinalApplicationStatus.FAILED, diagnostics, true);
    }

    static ClusterOutcome of(JobStatus jobStatus, String what) {
        return switch (jobStatus) {
            case FINISHED -> new ClusterOutcome(FinalApplicationStatus.SUCCEEDED, what + " finished");
            case CANCELED -> new ClusterOutcome(FinalApplicationStatus.KILLED, what + " was cancelled");
            default -> new ClusterOutcome(FinalApplicationStatus.FAILED, what + " failed");
        };
    }

    /**
     * The outcome of a cluster that ends with a job: a failed job's cause goes into the
     * diagnostics, because 'yarn application -status' is often the first (or only) place a
     * user looks, and without it a FAILED status says nothing about why.
     */
    static ClusterOutcome ofJob(JobResultMessage result, String what) {
        ClusterOutcome outcome = of(JobStatus.valueOf(result.getStatus()), what);
        if (outcome.status() != FinalApplicationStatus.FAILED || !result.hasFailure()) {
            return outcome;
        }
        return new ClusterOutcome(outcome.status(), outcome.diagnostics() + ": " + describe(result.getFailure()));
    }

    /** The failure's headline and those of its causes (the "Caused by:" lines), without the stack frames. */
    private static String describe(SerializedFailure failure) {
        StringBuilder text = new StringBuilder(failure.getClassName()).append(": ").append(failure.getMessage());
        for (String line : failure.getStackTrace().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Caused by:")) {
                text.append("; ").append(trimmed);
            }
        }
        return text.toString();
    }
}
