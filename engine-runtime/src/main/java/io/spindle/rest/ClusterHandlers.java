package io.spindle.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.spindle.api.JobID;
import io.spindle.rest.RestClusterBackend.NotFoundException;
import io.spindle.rest.RestClusterBackend.TaskManagerInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The monitoring and control routes: overview, configuration, jobs, TaskManagers, shutdown. */
final class ClusterHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterHandlers.class);

    private final RestClusterBackend backend;
    private final Executor blockingExecutor;
    private final String version;

    ClusterHandlers(RestClusterBackend backend, Executor blockingExecutor, String version) {
        this.backend = backend;
        this.blockingExecutor = blockingExecutor;
        this.version = version;
    }

    void registerOn(RestRouter router) {
        router.add(HttpMethod.GET, "/overview", request -> backend.overview()
                        .thenApply(overview -> RestResponse.ok(RestJson.overview(overview, version))))
                // configuration() is synchronous; it is cheap, but it is the backend's code, so it
                // stays off the I/O thread like every other backend call that could block.
                .add(HttpMethod.GET, "/config", request -> CompletableFuture.supplyAsync(
                        () -> RestResponse.ok(RestJson.configuration(backend.configuration(), version)), blockingExecutor))
                .add(HttpMethod.GET, "/jobs", request -> backend.listJobs()
                        .thenApply(jobs -> RestResponse.ok(RestJson.jobIdsAndStatuses(jobs))))
                .add(HttpMethod.GET, "/jobs/overview", request -> backend.listJobs()
                        .thenApply(jobs -> RestResponse.ok(RestJson.jobsOverview(jobs))))
                .add(HttpMethod.GET, "/jobs/{jobid}", request -> backend.jobDetails(request.jobId())
                        .thenApply(job -> RestResponse.ok(RestJson.jobDetails(job))))
                .add(HttpMethod.GET, "/jobs/{jobid}/exceptions", request -> backend.jobExceptions(request.jobId())
                        .thenApply(exceptions -> RestResponse.ok(RestJson.jobExceptions(exceptions))))
                .add(HttpMethod.GET, "/jobs/{jobid}/status", request -> backend.jobDetails(request.jobId())
                        .thenApply(job -> RestResponse.ok(RestJson.emptyObject().put("status", job.state()))))
                .add(HttpMethod.GET, "/jobs/{jobid}/checkpoints", request -> checkpointPart(request, "checkpoints"))
                .add(HttpMethod.GET, "/jobs/{jobid}/checkpoints/config", request -> checkpointPart(request, "config"))
                .add(HttpMethod.PATCH, "/jobs/{jobid}", this::cancelJob)
                .add(HttpMethod.GET, "/taskmanagers", request -> backend.taskManagers()
                        .thenApply(taskManagers -> RestResponse.ok(RestJson.taskManagers(taskManagers))))
                .add(HttpMethod.GET, "/taskmanagers/{tmid}", this::taskManager)
                .add(HttpMethod.DELETE, "/cluster", request -> CompletableFuture.completedFuture(
                        RestResponse.ok(RestJson.emptyObject()).thenAfterSent(this::shutDownCluster)));
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
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
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

    private CompletableFuture<RestResponse> taskManager(RestRequest request) {
        String id = request.pathParameter("tmid");
        return backend.taskManagers().thenApply(taskManagers -> {
            for (TaskManagerInfo taskManager : taskManagers) {
                if (taskManager.id().equals(id)) {
                    return RestResponse.ok(RestJson.taskManager(taskManager));
                }
            }
            throw new NotFoundException("TaskManager '" + id + "' is not known; GET /taskmanagers lists them");
        });
    }

    /** Runs after the answer to DELETE /cluster is out, off the I/O thread: shutdown may close this endpoint. */
    private void shutDownCluster() {
        blockingExecutor.execute(() -> {
            try {
                backend.shutDownCluster().whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.error("Shutting down the cluster on DELETE /cluster failed", failure);
                    }
                });
            } catch (RuntimeException e) {
                LOG.error("Shutting down the cluster on DELETE /cluster failed", e);
            }
        });
    }
}
