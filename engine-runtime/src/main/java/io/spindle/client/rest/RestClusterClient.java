package io.spindle.client.rest;

import io.spindle.rest.RestOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spindle.api.JobExecutionException;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Talks to a Spindle cluster's REST endpoint (docs/rest-api.md). The blocking methods throw
 * {@link RestClientException} with a message for the user when the endpoint cannot be reached or
 * answers with an error. Thread-safe; one instance may serve many calls at once.
 */
public final class RestClusterClient {
    private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_POLL_DELAY_MILLIS = 10;
    private static final long MAX_POLL_DELAY_MILLIS = 500;

    private final String endpoint;
    private final HttpClient http;

    public RestClusterClient(String host, int port, Duration connectionTimeout) {
        this.endpoint = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        this.http = HttpClient.newBuilder().connectTimeout(connectionTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A client for {@code rest.address}:{@code rest.port} of {@code configuration}. */
    public static RestClusterClient fromConfiguration(Configuration configuration) {
        return new RestClusterClient(configuration.get(RestOptions.ADDRESS), configuration.get(RestOptions.PORT),
                configuration.get(RestOptions.CONNECTION_TIMEOUT));
    }

    /** {@code http://host:port}. */
    public String getEndpoint() {
        return endpoint;
    }

    public ClusterOverview overview() {
        return await(call("GET", "/overview", null, null, RestResponses::overview));
    }

    /** All jobs the cluster knows, running and ended. */
    public List<JobOverview> listJobs() {
        return await(call("GET", "/jobs/overview", null, null, RestResponses::jobOverviews));
    }

    public JobDetails jobDetails(JobID jobId) {
        return await(jobDetailsAsync(jobId));
    }

    public JobExceptions jobExceptions(JobID jobId) {
        return await(jobExceptionsAsync(jobId));
    }

    /** The job's checkpoints, or null when the job does not checkpoint (the endpoint answers 404). */
    public LatestCheckpoint latestCheckpoint(JobID jobId) {
        try {
            return await(call("GET", "/jobs/" + jobId + "/checkpoints", null, null, RestResponses::latestCheckpoint));
        } catch (RestClientException e) {
            if (e.getHttpStatus() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Asks the cluster to cancel the job; returns when the request is accepted, not when the job has ended. */
    public void cancel(JobID jobId) {
        await(cancelAsync(jobId));
    }

    /**
     * Starts a savepoint of a running job into {@code targetDirectoryOrNull} (null: the job's
     * default); returns the trigger id to ask {@link #awaitSavepoint} with.
     */
    public String triggerSavepoint(JobID jobId, String targetDirectoryOrNull) {
        ObjectNode body = JSON.createObjectNode().put("cancel-job", false);
        if (targetDirectoryOrNull != null) {
            body.put("target-directory", targetDirectoryOrNull);
        }
        return await(call("POST", "/jobs/" + jobId + "/savepoints", BodyPublishers.ofString(body.toString()),
                "application/json", json -> json.get("request-id").asText()));
    }

    /**
     * Starts a stop-with-savepoint of a running job ({@code drain}: event time to the end and
     * every operator finished first); returns the trigger id to ask {@link #awaitSavepoint} with,
     * which answers once the job has FINISHED.
     */
    public String stopWithSavepoint(JobID jobId, String targetDirectoryOrNull, boolean drain) {
        ObjectNode body = JSON.createObjectNode().put("drain", drain);
        if (targetDirectoryOrNull != null) {
            body.put("targetDirectory", targetDirectoryOrNull);
        }
        return await(call("POST", "/jobs/" + jobId + "/stop", BodyPublishers.ofString(body.toString()),
                "application/json", json -> json.get("request-id").asText()));
    }

    /** Waits for the savepoint of {@code triggerId} and returns its location; throws with its failure. */
    public String awaitSavepoint(JobID jobId, String triggerId) throws InterruptedException {
        return awaitOperation("/jobs/" + jobId + "/savepoints/" + triggerId).get("location").asText();
    }

    /** Deletes a savepoint (its directory or _metadata file) and waits until it is gone. */
    public void disposeSavepoint(String path) throws InterruptedException {
        String body = JSON.createObjectNode().put("savepoint-path", path).toString();
        String triggerId = await(call("POST", "/savepoint-disposal", BodyPublishers.ofString(body), "application/json",
                json -> json.get("request-id").asText()));
        awaitOperation("/savepoint-disposal/" + triggerId);
    }

    /** Polls an asynchronous operation until it is COMPLETED; its {@code operation} object, or its failure thrown. */
    private JsonNode awaitOperation(String statusPath) throws InterruptedException {
        long delayMillis = 20;
        while (true) {
            JsonNode status = await(call("GET", statusPath, null, null, json -> json));
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    String trace = operation.get("failure-cause").path("stack-trace").asText();
                    throw new RestClientException(trace.lines().findFirst().orElse("the operation failed"), -1, null);
                }
                return operation;
            }
            Thread.sleep(delayMillis);
            delayMillis = Math.min(500, delayMillis * 2);
        }
    }

    /**
     * Uploads the job with its user jars (multipart {@code POST /jobs}). The graph's user-jar list
     * is set to the jars' file names, which are the names of the uploaded parts.
     */
    public JobID submitJob(JobGraph jobGraph, List<Path> jars) {
        List<String> jarNames = new ArrayList<>();
        for (Path jar : jars) {
            jarNames.add(jar.getFileName().toString());
        }
        MultipartBody body = new MultipartBody()
                .addBytes("jobGraph", "jobGraph.bin", "application/octet-stream", jobGraph.withUserJars(jarNames).toBytes());
        for (Path jar : jars) {
            try {
                if (!Files.isRegularFile(jar)) {
                    throw new FileNotFoundException(jar.toString());
                }
                body.addFile("jars", jar, "application/java-archive");
            } catch (FileNotFoundException e) {
                throw new RestClientException("User jar to ship with the job does not exist: " + jar, -1, e);
            }
        }
        return await(call("POST", "/jobs", body.build(), body.contentType(), RestResponses::submittedJobId));
    }

    /**
     * Waits until the job is FINISHED, FAILED or CANCELED. The result's runtime is the job's
     * duration; accumulators are empty, since the REST API does not report them.
     *
     * @throws JobExecutionException when the job failed (cause: a {@link RemoteJobException} with
     *     the cluster's report) or was cancelled
     */
    public JobExecutionResult waitForResult(JobID jobId) throws JobExecutionException, InterruptedException {
        CompletableFuture<JobExecutionResult> result = requestJobResult(jobId);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JobExecutionException failed) {
                throw failed;
            }
            throw cause instanceof RestClientException rest ? rest : new RestClientException(cause.toString(), -1, cause);
        }
    }

    /**
     * Polls {@code GET /jobs/{id}} without blocking a thread until the job has ended. Cancelling
     * the returned future stops the polling.
     */
    public CompletableFuture<JobExecutionResult> requestJobResult(JobID jobId) {
        CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
        pollForResult(jobId, FIRST_POLL_DELAY_MILLIS, result);
        return result;
    }

    CompletableFuture<JobDetails> jobDetailsAsync(JobID jobId) {
        return call("GET", "/jobs/" + jobId, null, null, RestResponses::jobDetails);
    }

    CompletableFuture<JobExceptions> jobExceptionsAsync(JobID jobId) {
        return call("GET", "/jobs/" + jobId + "/exceptions", null, null, RestResponses::jobExceptions);
    }

    CompletableFuture<Void> cancelAsync(JobID jobId) {
        return call("PATCH", "/jobs/" + jobId + "?mode=cancel", BodyPublishers.noBody(), null, json -> null);
    }

    private void pollForResult(JobID jobId, long delayMillis, CompletableFuture<JobExecutionResult> result) {
        if (result.isDone()) {
            return;
        }
        jobDetailsAsync(jobId).whenComplete((details, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else if ("FINISHED".equals(details.state())) {
                result.complete(new JobExecutionResult(jobId, Math.max(0, details.duration()), Map.of()));
            } else if ("CANCELED".equals(details.state())) {
                result.completeExceptionally(
                        new JobExecutionException(jobId, JobStatus.CANCELED, "Job " + jobId + " was cancelled", null));
            } else if ("FAILED".equals(details.state())) {
                jobExceptionsAsync(jobId).whenComplete((exceptions, notReported) ->
                        result.completeExceptionally(failure(jobId, exceptions)));
            } else {
                long next = Math.min(delayMillis * 2, MAX_POLL_DELAY_MILLIS);
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)
                        .execute(() -> pollForResult(jobId, next, result));
            }
        });
    }

    private static JobExecutionException failure(JobID jobId, JobExceptions exceptions) {
        if (exceptions == null || exceptions.rootException() == null) {
            return new JobExecutionException(jobId, JobStatus.FAILED,
                    "Job " + jobId + " failed; the cluster reported no cause", null);
        }
        RemoteJobException cause = new RemoteJobException(exceptions.rootException());
        return new JobExecutionException(jobId, JobStatus.FAILED, "Job " + jobId + " failed: " + cause.getMessage(), cause);
    }

    private <T> CompletableFuture<T> call(String method, String path, BodyPublisher body, String contentType,
            Function<JsonNode, T> parser) {
        // A server that accepts the connection but never answers must not hang the CLI.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(REQUEST_TIMEOUT)
                .method(method, body != null ? body : BodyPublishers.noBody())
                .header("Accept", "application/json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String what = method + " " + path;
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new RestClientException("Could not reach the Spindle REST endpoint at " + endpoint + ": "
                                + reason(unwrap(failure)) + ". Is the cluster running?", -1, unwrap(failure));
                    }
                    JsonNode json = readAnswer(what, response);
                    try {
                        return parser.apply(json);
                    } catch (RuntimeException malformed) {
                        throw new RestClientException("The Spindle REST endpoint at " + endpoint + " answered " + what
                                + " with a body this client cannot read: " + malformed.getMessage(), response.statusCode(),
                                malformed);
                    }
                });
    }

    private JsonNode readAnswer(String what, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (status >= 200 && status < 300 && json != null) {
            return json;
        }
        List<String> errors = json == null ? List.of() : RestResponses.errors(json);
        if (!errors.isEmpty()) {
            throw new RestClientException(String.join("; ", errors), status, null);
        }
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        throw new RestClientException("The Spindle REST endpoint at " + endpoint + " answered " + what + " with HTTP "
                + status + (json == null ? " and a body that is not JSON" : "")
                + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(200, text.length()))), status, null);
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new RestClientException("Interrupted while waiting for the Spindle REST endpoint at " + endpoint, -1, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RestClientException rest) {
                throw rest;
            }
            throw new RestClientException("Request to the Spindle REST endpoint at " + endpoint + " failed: " + cause,
                    -1, cause);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * The first message along the cause chain. The JDK's HTTP client reports a refused connection
     * as a ConnectException without message, caused by a ClosedChannelException without message.
     */
    private static String reason(Throwable failure) {
        boolean connectFailed = false;
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                return current.getMessage();
            }
            connectFailed |= current instanceof ConnectException;
        }
        return connectFailed ? "Connection refused" : failure.getClass().getSimpleName();
    }
}
