package io.spindle.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a method and a path to a handler. Patterns are slash-separated segments, each a literal
 * or a {@code {name}} parameter. When several patterns match, the one with a literal where the
 * other has a parameter (leftmost difference) wins, so {@code /jobs/overview} beats
 * {@code /jobs/{jobid}}. Not thread-safe while routes are added; read-only afterwards.
 */
final class RestRouter {
    private final List<Route> routes = new ArrayList<>();

    RestRouter add(HttpMethod method, String pattern, RestHandler handler) {
        routes.add(new Route(method, segmentsOf(pattern), handler));
        return this;
    }

    /** What the router found for a request. */
    sealed interface Match permits Found, MethodNotAllowed, NotFound {}

    record Found(RestHandler handler, Map<String, String> pathParameters) implements Match {}

    /** The path is known, but not for this method; {@code allowed} lists the methods it has. */
    record MethodNotAllowed(Set<HttpMethod> allowed) implements Match {}

    record NotFound() implements Match {}

    /**
     * Flink's clients send every request under its API version ({@code /v1/jobs/...}); each route
     * answers there too.
     */
    private static final String API_VERSION_SEGMENT = "v1";

    Match match(HttpMethod method, String path) {
        List<String> segments = segmentsOf(path);
        if (!segments.isEmpty() && segments.get(0).equals(API_VERSION_SEGMENT)) {
            segments = segments.subList(1, segments.size());
        }
        Route best = null;
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (!route.matches(segments)) {
                continue;
            }
            allowed.add(route.method);
            if (route.method.equals(method) && (best == null || route.isMoreSpecificThan(best))) {
                best = route;
            }
        }
        if (best != null) {
            return new Found(best.handler, best.parametersOf(segments));
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(Collections.unmodifiableSet(allowed));
    }

    private static List<String> segmentsOf(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private record Route(HttpMethod method, List<String> pattern, RestHandler handler) {
        boolean matches(List<String> segments) {
            if (segments.size() != pattern.size()) {
                return false;
            }
            for (int i = 0; i < pattern.size(); i++) {
                if (!isParameter(pattern.get(i)) && !pattern.get(i).equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        boolean isMoreSpecificThan(Route other) {
            for (int i = 0; i < pattern.size(); i++) {
                boolean literal = !isParameter(pattern.get(i));
                boolean otherLiteral = !isParameter(other.pattern.get(i));
                if (literal != otherLiteral) {
                    return literal;
                }
            }
            return false;
        }

        Map<String, String> parametersOf(List<String> segments) {
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String part = pattern.get(i);
                if (isParameter(part)) {
                    parameters.put(part.substring(1, part.length() - 1),
                            QueryStringDecoder.decodeComponent(segments.get(i)));
                }
            }
            return parameters;
        }

        private static boolean isParameter(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }
}
