package io.spindle.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.spindle.api.JobID;
import io.spindle.graph.JobVertex;
import io.spindle.rest.RestClusterBackend.NotFoundException;
import io.spindle.rest.RestClusterBackend.VertexDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** The routes of jobs: listing, details and their parts, result, accumulators, checkpoints, cancel. */
final class JobHandlers {
    private final RestClusterBackend backend;
    private final LongSupplier clock;

    JobHandlers(RestClusterBackend backend, LongSupplier clock) {
        this.backend = backend;
        this.clock = clock;
    }

    void registerOn(RestRouter router) {
        router.add(HttpMethod.GET, "/jobs", request -> backend.listJobs()
                        .thenApply(jobs -> RestResponse.ok(JobJson.jobIdsAndStatuses(jobs))))
                .add(HttpMethod.GET, "/jobs/overview", request -> backend.listJobs()
                        .thenApply(jobs -> RestResponse.ok(JobJson.jobsOverview(jobs))))
                .add(HttpMethod.GET, "/jobs/{jobid}", request -> backend.jobDetails(request.jobId())
                        .thenApply(job -> RestResponse.ok(JobJson.jobDetails(job, clock.getAsLong()))))
                .add(HttpMethod.GET, "/jobs/{jobid}/status", request -> backend.jobDetails(request.jobId())
                        .thenApply(job -> RestResponse.ok(RestJson.emptyObject().put("status", job.overview().state()))))
                .add(HttpMethod.GET, "/jobs/{jobid}/plan", request -> backend.jobDetails(request.jobId())
                        .thenApply(job -> RestResponse.ok(JobJson.plan(job.plan()))))
                .add(HttpMethod.GET, "/jobs/{jobid}/config", request -> backend.jobDetails(request.jobId())
                        .thenApply(job -> RestResponse.ok(JobJson.jobConfig(job))))
                .add(HttpMethod.GET, "/jobs/{jobid}/vertices/{vertexid}", this::vertex)
                .add(HttpMethod.GET, "/jobs/{jobid}/accumulators", this::accumulators)
                .add(HttpMethod.GET, "/jobs/{jobid}/exceptions", request -> backend.jobExceptions(request.jobId())
                        .thenApply(exceptions -> RestResponse.ok(JobJson.jobExceptions(exceptions))))
                .add(HttpMethod.GET, "/jobs/{jobid}/execution-result", request -> backend.jobResult(request.jobId())
                        .thenApply(result -> RestResponse.ok(JobJson.executionResult(result))))
                .add(HttpMethod.GET, "/jobs/{jobid}/checkpoints", request -> checkpointPart(request, "checkpoints"))
                .add(HttpMethod.GET, "/jobs/{jobid}/checkpoints/config", request -> checkpointPart(request, "config"))
                .add(HttpMethod.PATCH, "/jobs/{jobid}", this::cancelJob);
    }

    private CompletableFuture<RestResponse> vertex(RestRequest request) {
        JobID jobId = request.jobId();
        String vertexId = request.pathParameter("vertexid");
        try {
            JobVertex.idFromHex(vertexId);
        } catch (IllegalArgumentException e) {
            throw RestHandlerException.badRequest(e.getMessage());
        }
        return backend.jobDetails(jobId).thenApply(job -> {
            for (VertexDetails vertex : job.vertices()) {
                if (vertex.id().equals(vertexId)) {
                    return RestResponse.ok(JobJson.vertexDetails(vertex, clock.getAsLong()));
                }
            }
            throw new NotFoundException("Job " + jobId + " has no vertex " + vertexId + "; GET /jobs/" + jobId
                    + " lists its vertices");
        });
    }

    /** Flink's client asks with {@code includeSerializedValue=true} for the values it deserializes. */
    private CompletableFuture<RestResponse> accumulators(RestRequest request) {
        String include = request.queryParameter("includeSerializedValue");
        if (include != null && !include.equals("true") && !include.equals("false")) {
            throw RestHandlerException.badRequest("Query parameter 'includeSerializedValue' must be true or false, not '"
                    + include + "'");
        }
        return backend.jobDetails(request.jobId()).thenApply(job -> RestResponse.ok(
                JobJson.accumulators(job.accumulators(), "true".equals(include))));
    }

    /** Flink's checkpoint statistics or configuration of a job; 404 when the job does not checkpoint. */
    private CompletableFuture<RestResponse> checkpointPart(RestRequest request, String part) {
        JobID jobId = request.jobId();
        return backend.checkpointStats(jobId).thenApply(json -> {
            if (json == null || json.isEmpty()) {
                throw new NotFoundException("Checkpointing is not enabled for job " + jobId + ": set"
                        + " execution.checkpointing.interval to take checkpoints");
            }
            try {
                return RestResponse.ok(RestJson.MAPPER.readTree(json).get(part));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private CompletableFuture<RestResponse> cancelJob(RestRequest request) {
        JobID jobId = request.jobId();
        String mode = request.queryParameter("mode");
        // Flink's PATCH /jobs/:jobid cancels when no mode is given.
        if (mode != null && !"cancel".equals(mode)) {
            throw RestHandlerException.badRequest("Query parameter 'mode' must be 'cancel' or absent (PATCH /jobs/" + jobId
                    + "?mode=cancel), not '" + mode + "'");
        }
        return backend.cancelJob(jobId).thenApply(done -> RestResponse.of(HttpResponseStatus.ACCEPTED,
                RestJson.emptyObject()));
    }
}
