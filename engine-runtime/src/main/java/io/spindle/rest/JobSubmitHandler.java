package io.spindle.rest;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.spindle.api.JobID;
import io.spindle.graph.JobGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /jobs}: a multipart request with part {@code jobGraph} (the bytes of
 * {@link JobGraph#toBytes()}) and zero or more file parts {@code jars}. The jars are written to a
 * fresh directory {@code submission-*} under the upload directory and handed to the backend,
 * which copies what it keeps (into the blob server); once the submission is accepted or refused
 * the directory is deleted, before the answer goes out, so that nothing piles up there.
 */
final class JobSubmitHandler implements RestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JobSubmitHandler.class);

    private final RestClusterBackend backend;
    private final Path uploadDirectory;
    private final Executor blockingExecutor;

    JobSubmitHandler(RestClusterBackend backend, Path uploadDirectory, Executor blockingExecutor) {
        this.backend = backend;
        this.uploadDirectory = uploadDirectory;
        this.blockingExecutor = blockingExecutor;
    }

    private record Submission(JobGraph jobGraph, Path jarDirectory, List<Path> jars) {}

    @Override
    public CompletableFuture<RestResponse> handle(RestRequest request) {
        return CompletableFuture.supplyAsync(() -> receive(request), blockingExecutor)
                .thenCompose(this::submit)
                .thenApply(jobId -> RestResponse.of(HttpResponseStatus.ACCEPTED,
                        RestJson.emptyObject().put("jobUrl", "/jobs/" + jobId.toHexString())));
    }

    private CompletableFuture<JobID> submit(Submission submission) {
        CompletableFuture<JobID> submitted;
        try {
            submitted = backend.submitJob(submission.jobGraph(), submission.jars());
        } catch (RuntimeException e) {
            submitted = CompletableFuture.failedFuture(e);
        }
        // The jars are deleted before the answer, so a client never sees a submission whose files linger.
        return submitted.handle((jobId, failure) -> CompletableFuture
                .runAsync(() -> deleteQuietly(submission.jarDirectory()), blockingExecutor)
                .thenCompose(deleted -> failure != null ? CompletableFuture.<JobID>failedFuture(failure)
                        : CompletableFuture.completedFuture(jobId)))
                .thenCompose(answer -> answer);
    }

    private Submission receive(RestRequest request) {
        try (MultipartForm form = MultipartForm.decode(request.http(), uploadDirectory)) {
            byte[] graphBytes = form.bytes("jobGraph");
            if (graphBytes == null) {
                throw RestHandlerException.badRequest("The multipart part 'jobGraph' is missing; send the bytes of"
                        + " JobGraph.toBytes() in it");
            }
            JobGraph jobGraph;
            try {
                jobGraph = JobGraph.fromBytes(graphBytes);
            } catch (RuntimeException e) {
                throw RestHandlerException.badRequest("The multipart part 'jobGraph' is not a serialized job graph: "
                        + e.getMessage());
            }
            List<FileUpload> uploads = form.files("jars");
            Path jarDirectory = Files.createTempDirectory(uploadDirectory, "submission-");
            try {
                List<Path> jars = new ArrayList<>();
                for (int i = 0; i < uploads.size(); i++) {
                    // The index keeps two jars with the same client-side name apart.
                    Path target = jarDirectory.resolve(i + "_" + safeFileName(uploads.get(i).getFilename()));
                    MultipartForm.moveTo(uploads.get(i), target);
                    jars.add(target);
                }
                return new Submission(jobGraph, jarDirectory, List.copyOf(jars));
            } catch (IOException | RuntimeException e) {
                deleteQuietly(jarDirectory);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the submitted jars: " + e.getMessage(), e);
        }
    }

    private static String safeFileName(String clientFileName) {
        String name = JarStore.safeFileName(clientFileName);
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "user.jar" : name;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the jars of a submission in {}", directory, e);
        }
    }
}
