package io.spindle.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.spindle.api.JobID;
import java.util.concurrent.CompletableFuture;

/**
 * Savepoints, manual checkpoints and savepoint disposal, with Flink's routes and shapes: each
 * POST answers {@code 202 {"request-id": ...}} at once and the operation's GET route tells how it
 * went (see {@link AsynchronousOperations}).
 */
final class SavepointHandlers {
    private static final String DISPOSAL_SCOPE = "savepoint disposal";

    private final RestClusterBackend backend;
    private final AsynchronousOperations operations;

    SavepointHandlers(RestClusterBackend backend, AsynchronousOperations operations) {
        this.backend = backend;
        this.operations = operations;
    }

    void registerOn(RestRouter router) {
        router.add(HttpMethod.POST, "/jobs/{jobid}/savepoints", this::triggerSavepoint)
                .add(HttpMethod.GET, "/jobs/{jobid}/savepoints/{triggerid}", request -> status(
                        savepointScope(request.jobId()), request))
                .add(HttpMethod.POST, "/jobs/{jobid}/stop", this::stopWithSavepoint)
                .add(HttpMethod.POST, "/jobs/{jobid}/checkpoints", this::triggerCheckpoint)
                .add(HttpMethod.GET, "/jobs/{jobid}/checkpoints/{triggerid}", request -> status(
                        checkpointScope(request.jobId()), request))
                .add(HttpMethod.POST, "/savepoint-disposal", this::disposeSavepoint)
                .add(HttpMethod.GET, "/savepoint-disposal/{triggerid}", request -> status(DISPOSAL_SCOPE, request));
    }

    /** Body (all optional): {@code target-directory}, {@code cancel-job}, {@code formatType} (CANONICAL or NATIVE). */
    private CompletableFuture<RestResponse> triggerSavepoint(RestRequest request) {
        JobID jobId = request.jobId();
        JsonNode body = RestJson.objectBody(request.body(), "{\"target-directory\":\"hdfs:///savepoints\",\"cancel-job\":false}");
        String target = optionalText(body, "target-directory");
        boolean cancelJob = optionalBoolean(body, "cancel-job");
        checkFormatType(body);
        CompletableFuture<String> savepoint = backend.triggerSavepoint(jobId, target);
        if (cancelJob) {
            savepoint = savepoint.thenCompose(location -> backend.cancelJob(jobId).thenApply(cancelled -> location));
        }
        String triggerId = operations.start(savepointScope(jobId), savepoint,
                location -> RestJson.emptyObject().put("location", location));
        return accepted(triggerId);
    }

    /**
     * Stop with savepoint, as Flink's: body (all optional) {@code targetDirectory}, {@code drain},
     * {@code formatType}; its status is asked on the savepoint route with the request id.
     */
    private CompletableFuture<RestResponse> stopWithSavepoint(RestRequest request) {
        JobID jobId = request.jobId();
        JsonNode body = RestJson.objectBody(request.body(), "{\"targetDirectory\":\"hdfs:///savepoints\",\"drain\":false}");
        String target = optionalText(body, "targetDirectory");
        boolean drain = optionalBoolean(body, "drain");
        checkFormatType(body);
        String triggerId = operations.start(savepointScope(jobId), backend.stopWithSavepoint(jobId, target, drain),
                location -> RestJson.emptyObject().put("location", location));
        return accepted(triggerId);
    }

    private static void checkFormatType(JsonNode body) {
        String formatType = optionalText(body, "formatType");
        if (formatType != null && !formatType.equals("CANONICAL") && !formatType.equals("NATIVE")) {
            throw RestHandlerException.badRequest("\"formatType\" must be CANONICAL or NATIVE, not \"" + formatType + "\"");
        }
    }

    /** Body (optional): {@code checkpointType}; every checkpoint of the hashmap backend is a full one. */
    private CompletableFuture<RestResponse> triggerCheckpoint(RestRequest request) {
        JobID jobId = request.jobId();
        JsonNode body = RestJson.objectBody(request.body(), "{\"checkpointType\":\"FULL\"}");
        String type = optionalText(body, "checkpointType");
        if (type != null && !type.equals("FULL") && !type.equals("CONFIGURED") && !type.equals("INCREMENTAL")) {
            throw RestHandlerException.badRequest("\"checkpointType\" must be FULL, INCREMENTAL or CONFIGURED, not \""
                    + type + "\"");
        }
        String triggerId = operations.start(checkpointScope(jobId), backend.triggerCheckpoint(jobId),
                id -> RestJson.emptyObject().put("checkpointId", id));
        return accepted(triggerId);
    }

    /** Body: {@code savepoint-path}, the savepoint's directory or its _metadata file. */
    private CompletableFuture<RestResponse> disposeSavepoint(RestRequest request) {
        JsonNode body = RestJson.objectBody(request.body(), "{\"savepoint-path\":\"hdfs:///savepoints/savepoint-1a2b3c-0123456789ab\"}");
        String path = optionalText(body, "savepoint-path");
        if (path == null || path.isBlank()) {
            throw RestHandlerException.badRequest("The request body must name the savepoint: {\"savepoint-path\":\"...\"}");
        }
        String triggerId = operations.start(DISPOSAL_SCOPE, backend.disposeSavepoint(path),
                done -> RestJson.emptyObject());
        return accepted(triggerId);
    }

    private CompletableFuture<RestResponse> status(String scope, RestRequest request) {
        return CompletableFuture.completedFuture(RestResponse.ok(operations.status(scope, request.pathParameter("triggerid"))));
    }

    private static CompletableFuture<RestResponse> accepted(String triggerId) {
        ObjectNode answer = RestJson.emptyObject().put("request-id", triggerId);
        return CompletableFuture.completedFuture(RestResponse.of(HttpResponseStatus.ACCEPTED, answer));
    }

    private static String savepointScope(JobID jobId) {
        return "savepoint of job " + jobId;
    }

    private static String checkpointScope(JobID jobId) {
        return "checkpoint of job " + jobId;
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw RestHandlerException.badRequest("\"" + field + "\" must be a string");
        }
        return node.asText();
    }

    private static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw RestHandlerException.badRequest("\"" + field + "\" must be true or false");
        }
        return node.asBoolean();
    }
}
