package io.spindle.client.rest;

import io.spindle.api.JobID;

/**
 * One job of {@code GET /jobs/overview}. {@code state} is the server's job state name (Flink's
 * names: CREATED, RUNNING, FINISHED, ...); {@code endTime} and {@code duration} are -1 while running.
 */
public record JobOverview(JobID jobId, String name, String state, long startTime, long endTime, long duration) {
    /** A job that will not run again: finished, failed or cancelled. */
    public boolean isTerminal() {
        return JobStates.isTerminal(state);
    }
}
