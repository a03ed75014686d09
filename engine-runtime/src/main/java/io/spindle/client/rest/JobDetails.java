package io.spindle.client.rest;

import io.spindle.api.JobID;
import java.util.List;

/** {@code GET /jobs/{jobid}}: a job with its vertices and their subtasks. */
public record JobDetails(JobID jobId, String name, String state, long startTime, long endTime, long duration,
        List<Vertex> vertices) {

    public boolean isTerminal() {
        return JobStates.isTerminal(state);
    }

    /** One vertex (a chain of operators) of the job. */
    public record Vertex(String id, String name, int parallelism, int maxParallelism, String status,
            List<Subtask> subtasks) {}

    /** One parallel instance of a vertex and where it runs. */
    public record Subtask(int subtask, int attempt, String status, String taskManagerId, String host) {}
}
