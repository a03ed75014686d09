package io.spindle.rest;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.spindle.api.JobID;
import java.util.List;
import java.util.Map;

/**
 * One routed request. The wrapped {@link FullHttpRequest} stays valid until the handler's
 * future completes; handlers must not keep it beyond that.
 */
final class RestRequest {
    private final FullHttpRequest http;
    private final Map<String, String> pathParameters;
    private final Map<String, List<String>> queryParameters;

    RestRequest(FullHttpRequest http, Map<String, String> pathParameters, Map<String, List<String>> queryParameters) {
        this.http = http;
        this.pathParameters = pathParameters;
        this.queryParameters = queryParameters;
    }

    FullHttpRequest http() {
        return http;
    }

    /** The value of a {@code {name}} segment of the route; routes guarantee it exists. */
    String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter '" + name + "'");
        }
        return value;
    }

    /** The {@code {jobid}} segment parsed; not 32 hex digits gives 400 with a message saying so. */
    JobID jobId() {
        try {
            return JobID.fromHexString(pathParameter("jobid"));
        } catch (IllegalArgumentException e) {
            throw RestHandlerException.badRequest(e.getMessage());
        }
    }

    /** The single value of a query parameter, or null when absent; repeated values give 400. */
    String queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw RestHandlerException.badRequest("Query parameter '" + name + "' is given " + values.size()
                    + " times; give it once");
        }
        return values.get(0);
    }

    byte[] body() {
        return ByteBufUtil.getBytes(http.content());
    }
}
