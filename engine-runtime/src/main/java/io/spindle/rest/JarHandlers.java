package io.spindle.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.multipart.FileUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The {@code /jars} routes: upload, list, run, plan and delete jars of the {@link JarStore}. */
final class JarHandlers {
    private final RestClusterBackend backend;
    private final JarStore store;
    private final Path spoolDirectory;
    private final Executor blockingExecutor;
    private final Supplier<String> restBaseUrl;

    JarHandlers(RestClusterBackend backend, JarStore store, Path spoolDirectory, Executor blockingExecutor,
            Supplier<String> restBaseUrl) {
        this.backend = backend;
        this.store = store;
        this.spoolDirectory = spoolDirectory;
        this.blockingExecutor = blockingExecutor;
        this.restBaseUrl = restBaseUrl;
    }

    void registerOn(RestRouter router) {
        router.add(HttpMethod.POST, "/jars/upload", this::upload)
                .add(HttpMethod.GET, "/jars", request -> onDisk(this::list))
                .add(HttpMethod.POST, "/jars/{jarid}/run", this::run)
                .add(HttpMethod.POST, "/jars/{jarid}/plan", this::plan)
                .add(HttpMethod.DELETE, "/jars/{jarid}", this::delete);
    }

    private CompletableFuture<RestResponse> upload(RestRequest request) {
        return onDisk(() -> {
            try (MultipartForm form = MultipartForm.decode(request.http(), spoolDirectory)) {
                List<FileUpload> files = form.files("jarfile");
                if (files.size() != 1) {
                    throw RestHandlerException.badRequest("Expected exactly one multipart file part 'jarfile' with the"
                            + " jar, got " + files.size() + " (e.g. curl -F jarfile=@job.jar <rest>/jars/upload)");
                }
                Path target = store.pathOf(store.newJarId(files.get(0).getFilename()));
                MultipartForm.moveTo(files.get(0), target);
                ObjectNode body = RestJson.emptyObject().put("filename", target.toString()).put("status", "success");
                return RestResponse.ok(body);
            }
        });
    }

    private RestResponse list() throws IOException {
        ObjectNode body = RestJson.emptyObject().put("address", restBaseUrl.get());
        ArrayNode files = body.putArray("files");
        for (JarStore.StoredJar jar : store.list()) {
            files.addObject().put("id", jar.id()).put("name", jar.name()).put("uploaded", jar.uploaded());
        }
        return RestResponse.ok(body);
    }

    private CompletableFuture<RestResponse> run(RestRequest request) {
        JarRunRequest run = JarRunRequest.parse(request);
        return resolve(request.pathParameter("jarid"), run)
                .thenCompose(resolved -> backend.runJar(resolved.jar(), resolved.entryClass(), run.programArgs(),
                        run.parallelism(), run.jobId(), run.stateRecovery()))
                .thenApply(jobId -> RestResponse.ok(RestJson.emptyObject().put("jobid", jobId.toHexString())));
    }

    /** Flink's {@code JobPlanInfo} of the job the jar's main() builds; {@code jobId} in the request is ignored. */
    private CompletableFuture<RestResponse> plan(RestRequest request) {
        JarRunRequest run = JarRunRequest.parse(request);
        return resolve(request.pathParameter("jarid"), run)
                .thenCompose(resolved -> backend.planJar(resolved.jar(), resolved.entryClass(), run.programArgs(),
                        run.parallelism()))
                .thenApply(plan -> RestResponse.ok(JobJson.plan(plan)));
    }

    private CompletableFuture<ResolvedRun> resolve(String jarId, JarRunRequest run) {
        return onDisk(() -> {
            Path jar = store.resolve(jarId);
            return new ResolvedRun(jar, JarStore.entryClassOf(jar, jarId, run.entryClass()));
        });
    }

    private record ResolvedRun(Path jar, String entryClass) {}

    private CompletableFuture<RestResponse> delete(RestRequest request) {
        String jarId = request.pathParameter("jarid");
        return onDisk(() -> {
            store.delete(jarId);
            return RestResponse.ok(RestJson.emptyObject());
        });
    }

    /** Work that touches the disk, moved off the I/O thread. */
    private <T> CompletableFuture<T> onDisk(DiskWork<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }, blockingExecutor);
    }

    @FunctionalInterface
    interface DiskWork<T> {
        T run() throws IOException;
    }
}
