package io.spindle.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.spindle.rest.RestClusterBackend.NotFoundException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the endpoint's HTTP responses: always JSON, errors as {@code {"errors": [...]}}.
 *
 * <p>Failures map to statuses as follows: {@link RestHandlerException} carries its own;
 * {@link NotFoundException} is 404; {@link IllegalArgumentException} (the backend refusing a
 * malformed request) is 400; {@link IllegalStateException} (the backend refusing a request in
 * the cluster's current state, e.g. cancelling a finished job) is 409; anything else is 500
 * with the exception's message and its stack trace only in the server log.
 */
final class HttpResponses {
    private static final Logger LOG = LoggerFactory.getLogger(HttpResponses.class);

    private HttpResponses() {}

    static FullHttpResponse json(HttpResponseStatus status, JsonNode body, boolean keepAlive) {
        byte[] bytes;
        try {
            bytes = RestJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; this would be a bug in the endpoint.
            throw new IllegalStateException("Could not write a JSON response", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return response;
    }

    static FullHttpResponse error(HttpResponseStatus status, String message, boolean keepAlive) {
        return json(status, errorBody(message), keepAlive);
    }

    static ObjectNode errorBody(String message) {
        ObjectNode body = RestJson.MAPPER.createObjectNode();
        body.putArray("errors").add(message);
        return body;
    }

    /** The error response for a failed handler, following the mapping in the class comment. */
    static RestResponse forFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        HttpResponseStatus status;
        Map<String, String> headers = Map.of();
        if (cause instanceof RestHandlerException refused) {
            status = refused.status();
            headers = refused.headers();
        } else if (cause instanceof NotLeaderException notLeader) {
            status = HttpResponseStatus.SERVICE_UNAVAILABLE;
            if (notLeader.leaderRestAddress() != null) {
                headers = Map.of(HttpHeaderNames.LOCATION.toString(), notLeader.leaderRestAddress());
            }
        } else if (cause instanceof NotFoundException) {
            status = HttpResponseStatus.NOT_FOUND;
        } else if (cause instanceof IllegalArgumentException) {
            status = HttpResponseStatus.BAD_REQUEST;
        } else if (cause instanceof IllegalStateException) {
            status = HttpResponseStatus.CONFLICT;
        } else {
            LOG.warn("REST request failed unexpectedly", cause);
            status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        return RestResponse.of(status, errorBody(message)).withHeaders(headers);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
