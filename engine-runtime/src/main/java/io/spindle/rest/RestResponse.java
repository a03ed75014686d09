package io.spindle.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON answer with optional extra headers; {@code afterSent} runs once the response has been written (used to shut the
 * cluster down only after {@code DELETE /cluster} has been answered).
 */
record RestResponse(HttpResponseStatus status, JsonNode body, Map<String, String> headers, Runnable afterSent) {
    RestResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static RestResponse ok(JsonNode body) {
        return of(HttpResponseStatus.OK, body);
    }

    static RestResponse of(HttpResponseStatus status, JsonNode body) {
        return new RestResponse(status, body, Map.of(), null);
    }

    RestResponse withHeaders(Map<String, String> extraHeaders) {
        return new RestResponse(status, body, extraHeaders, afterSent);
    }

    RestResponse thenAfterSent(Runnable action) {
        return new RestResponse(status, body, headers, action);
    }
}
