package io.spindle.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.spindle.runtime.checkpoint.StateRecoveryOptions;
import io.spindle.api.JobID;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /jars/{jarid}/run} and {@code POST /jars/{jarid}/plan} ask for, read as
 * Flink reads it: from the JSON body ({@code entryClass}, {@code programArgsList} or
 * {@code programArgs}, {@code parallelism}, {@code jobId}), each field falling back to its query
 * parameter ({@code entry-class}, {@code programArg}, {@code program-args}, {@code parallelism}).
 * Every field is optional; {@code entryClass} null means the jar manifest's.
 */
record JarRunRequest(String entryClass, List<String> programArgs, Integer parallelism, JobID jobId,
        Map<String, String> stateRecovery) {
    private static final String EXAMPLE = "{\"entryClass\":\"a.B\",\"programArgsList\":[\"--x\",\"1\"],\"parallelism\":2}";

    static JarRunRequest parse(RestRequest request) {
        JsonNode body = RestJson.objectBody(request.body(), EXAMPLE);
        String entryClass = entryClass(body.get("entryClass"), "\"entryClass\"");
        if (entryClass == null) {
            entryClass = entryClass(textNode(request.queryParameter("entry-class")), "Query parameter 'entry-class'");
        }
        Integer parallelism = parallelism(body.get("parallelism"));
        if (parallelism == null && request.queryParameter("parallelism") != null) {
            parallelism = parallelism(request.queryParameter("parallelism"));
        }
        return new JarRunRequest(entryClass, programArgs(body, request), parallelism, jobId(body.get("jobId")),
                stateRecovery(body, request));
    }

    /**
     * {@code savepointPath}, {@code allowNonRestoredState} and {@code claimMode} (body, else
     * query), as the job configuration keys of {@link StateRecoveryOptions}; empty without a path.
     */
    private static Map<String, String> stateRecovery(JsonNode body, RestRequest request) {
        String path = textField(body, "savepointPath", request);
        String allowNonRestored = textField(body, "allowNonRestoredState", request);
        String claimMode = textField(body, "claimMode", request);
        if (path == null) {
            if (allowNonRestored != null || claimMode != null) {
                throw RestHandlerException.badRequest("\"allowNonRestoredState\" and \"claimMode\" go with"
                        + " \"savepointPath\", the savepoint to start from");
            }
            return Map.of();
        }
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(StateRecoveryOptions.PATH.key(), path);
        if (allowNonRestored != null) {
            if (!allowNonRestored.equals("true") && !allowNonRestored.equals("false")) {
                throw RestHandlerException.badRequest("\"allowNonRestoredState\" must be true or false");
            }
            configuration.put(StateRecoveryOptions.IGNORE_UNCLAIMED_STATE.key(), allowNonRestored);
        }
        if (claimMode != null) {
            String mode = claimMode.toUpperCase(java.util.Locale.ROOT);
            if (!mode.equals("CLAIM") && !mode.equals("NO_CLAIM") && !mode.equals("LEGACY")) {
                throw RestHandlerException.badRequest("\"claimMode\" must be CLAIM or NO_CLAIM, not \"" + claimMode + "\"");
            }
            // LEGACY, which Flink still accepts, behaves as NO_CLAIM here: the savepoint stays the user's.
            configuration.put(StateRecoveryOptions.CLAIM_MODE.key(), mode.equals("CLAIM") ? "CLAIM" : "NO_CLAIM");
        }
        return configuration;
    }

    /** A body field as text (booleans too), else the query parameter of that name, else null. */
    private static String textField(JsonNode body, String field, RestRequest request) {
        JsonNode node = body.get(field);
        if (node != null && !node.isNull()) {
            if (!node.isValueNode()) {
                throw RestHandlerException.badRequest("\"" + field + "\" must be a string or a boolean");
            }
            return node.asText();
        }
        return request.queryParameter(field);
    }

    /**
     * Body before query, and a list before a string, as Flink: {@code programArgsList} is taken
     * as it is, {@code programArgs} and {@code program-args} are split like a shell would,
     * {@code programArg} at commas. Both body fields at once is a confusing request: 400.
     */
    private static List<String> programArgs(JsonNode body, RestRequest request) {
        JsonNode list = body.get("programArgsList");
        JsonNode string = body.get("programArgs");
        boolean hasList = list != null && !list.isNull();
        boolean hasString = string != null && !string.isNull();
        if (hasList && hasString) {
            throw RestHandlerException.badRequest("Give the program arguments either as \"programArgsList\" (an array)"
                    + " or as \"programArgs\" (one string), not both");
        }
        if (hasList) {
            return stringList(list);
        }
        if (hasString) {
            if (!string.isTextual()) {
                throw RestHandlerException.badRequest("\"programArgs\" must be a string such as \"--input in.txt\"");
            }
            return ShellWords.split(string.asText());
        }
        String commaSeparated = request.queryParameter("programArg");
        if (commaSeparated != null) {
            List<String> args = new ArrayList<>();
            for (String arg : commaSeparated.split(",")) {
                if (!arg.isEmpty()) {
                    args.add(arg);
                }
            }
            return List.copyOf(args);
        }
        String shellLike = request.queryParameter("program-args");
        return shellLike != null ? ShellWords.split(shellLike) : List.of();
    }

    private static List<String> stringList(JsonNode node) {
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

    private static JsonNode textNode(String value) {
        return value == null ? null : RestJson.MAPPER.getNodeFactory().textNode(value);
    }

    private static String entryClass(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw RestHandlerException.badRequest(what + " must be a class name such as \"com.example.Job\"");
        }
        return node.asText().trim();
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

    private static Integer parallelism(String queryValue) {
        try {
            int parallelism = Integer.parseInt(queryValue.trim());
            if (parallelism >= 1) {
                return parallelism;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RestHandlerException.badRequest("Query parameter 'parallelism' must be a positive integer, not '"
                + queryValue + "'");
    }

    private static JobID jobId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (!node.isTextual()) {
                throw new IllegalArgumentException("not a string");
            }
            return JobID.fromHexString(node.asText());
        } catch (IllegalArgumentException e) {
            throw RestHandlerException.badRequest("\"jobId\" must be 32 hex digits such as"
                    + " \"0123456789abcdef0123456789abcdef\", not " + node);
        }
    }
}
