package io.spindle.api;

/** A job ended without success; the cause is the user's exception when a function threw. */
public class JobExecutionException extends Exception {
    private final JobID jobId;
    private final JobStatus finalStatus;

    public JobExecutionException(JobID jobId, JobStatus finalStatus, String message, Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
        this.finalStatus = finalStatus;
    }

    public JobID getJobId() {
        return jobId;
    }

    public JobStatus getFinalStatus() {
        return finalStatus;
    }
}
