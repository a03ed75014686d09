package io.spindle.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.spindle.rest.RestClusterBackend.NotFoundException;
import io.spindle.rest.RestClusterBackend.TaskManagerInfo;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster-wide routes: overview, dashboard and cluster configuration, TaskManagers, shutdown; jobs are {@link JobHandlers}. */
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
                .add(HttpMethod.GET, "/config", request -> CompletableFuture.completedFuture(
                        RestResponse.ok(RestJson.dashboardConfiguration(version, ZonedDateTime.now()))))
                // configuration() is synchronous; it is cheap, but it is the backend's code, so it
                // stays off the I/O thread like every other backend call that could block.
                .add(HttpMethod.GET, "/jobmanager/config", request -> CompletableFuture.supplyAsync(
                        () -> RestResponse.ok(RestJson.clusterConfiguration(backend.configuration())), blockingExecutor))
                .add(HttpMethod.GET, "/taskmanagers", request -> backend.taskManagers()
                        .thenApply(taskManagers -> RestResponse.ok(RestJson.taskManagers(taskManagers))))
                .add(HttpMethod.GET, "/taskmanagers/{tmid}", this::taskManager)
                .add(HttpMethod.DELETE, "/cluster", request -> CompletableFuture.completedFuture(
                        RestResponse.ok(RestJson.emptyObject()).thenAfterSent(this::shutDownCluster)));
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
