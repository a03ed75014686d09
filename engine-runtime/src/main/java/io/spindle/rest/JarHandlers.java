package io.spindle.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.multipart.FileUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The {@code /jars} routes: upload, list, run and delete jars of the {@link JarStore}. */
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
        String jarId = request.pathParameter("jarid");
        RunJarRequest run = RunJarRequest.parse(request.body());
        return onDisk(() -> {
            Path jar = store.resolve(jarId);
            return new ResolvedRun(jar, JarStore.entryClassOf(jar, jarId, run.entryClass()));
        }).thenCompose(resolved -> backend.runJar(resolved.jar(), resolved.entryClass(), run.programArgs(),
                run.parallelism()))
                .thenApply(jobId -> RestResponse.ok(RestJson.emptyObject().put("jobid", jobId.toHexString())));
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

    /** The JSON body of {@code POST /jars/{jarid}/run}; every field is optional. */
    record RunJarRequest(String entryClass, List<String> programArgs, Integer parallelism) {
        static RunJarRequest parse(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return new RunJarRequest(null, List.of(), null);
            }
            JsonNode json;
            try {
                json = RestJson.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw RestHandlerException.badRequest("The request body is not valid JSON: "
                        + e.getOriginalMessage());
            }
            if (!json.isObject()) {
                throw RestHandlerException.badRequest("The request body must be a JSON object such as "
                        + "{\"entryClass\":\"a.B\",\"programArgsList\":[\"--x\",\"1\"],\"parallelism\":2}");
            }
            return new RunJarRequest(entryClass(json.get("entryClass")), programArgs(json.get("programArgsList")),
                    parallelism(json.get("parallelism")));
        }

        private static String entryClass(JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                throw RestHandlerException.badRequest("\"entryClass\" must be a class name such as \"com.example.Job\"");
            }
            return node.asText().trim();
        }

        private static List<String> programArgs(JsonNode node) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw RestHandlerException.badRequest("\"programArgsList\" must be an array of strings");
            }
            List<String> args = new ArrayList<>();
            for (JsonNode arg : node) {
                if (!arg.isTextual()) {
                    throw RestHandlerException.badRequest("\"programArgsList\" must be an array of strings, but it"
                            + " contains " + arg);
                }
                args.add(arg.asText());
            }
            return List.copyOf(args);
        }

        private static Integer parallelism(JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
                throw RestHandlerException.badRequest("\"parallelism\" must be a positive integer, not " + node);
            }
            return node.asInt();
        }
    }
}
