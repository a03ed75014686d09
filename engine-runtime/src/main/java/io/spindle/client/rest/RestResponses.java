package io.spindle.client.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.spindle.api.JobID;
import java.util.ArrayList;
import java.util.List;

/** Turns the REST endpoint's JSON answers (see docs/rest-api.md) into records; absent numbers read as -1. */
final class RestResponses {
    private RestResponses() {}

    static ClusterOverview overview(JsonNode json) {
        return new ClusterOverview(json.path("taskmanagers").asInt(-1), json.path("slots-total").asInt(-1),
                json.path("slots-available").asInt(-1), json.path("jobs-running").asInt(-1),
                json.path("jobs-finished").asInt(-1), json.path("jobs-cancelled").asInt(-1),
                json.path("jobs-failed").asInt(-1), json.path("spindle-version").asText(""));
    }

    static List<JobOverview> jobOverviews(JsonNode json) {
        List<JobOverview> jobs = new ArrayList<>();
        for (JsonNode job : array(json, "jobs")) {
            jobs.add(new JobOverview(jobId(job, "jid"), job.path("name").asText(""), requiredText(job, "state"),
                    job.path("start-time").asLong(-1), job.path("end-time").asLong(-1),
                    job.path("duration").asLong(-1)));
        }
        return jobs;
    }

    static JobDetails jobDetails(JsonNode json) {
        List<JobDetails.Vertex> vertices = new ArrayList<>();
        for (JsonNode vertex : array(json, "vertices")) {
            List<JobDetails.Subtask> subtasks = new ArrayList<>();
            for (JsonNode subtask : array(vertex, "subtasks")) {
                subtasks.add(new JobDetails.Subtask(subtask.path("subtask").asInt(-1), subtask.path("attempt").asInt(0),
                        subtask.path("status").asText(""), subtask.path("taskmanager-id").asText(""),
                        subtask.path("host").asText("")));
            }
            vertices.add(new JobDetails.Vertex(vertex.path("id").asText(""), vertex.path("name").asText(""),
                    vertex.path("parallelism").asInt(-1), vertex.path("maxParallelism").asInt(-1),
                    vertex.path("status").asText(""), List.copyOf(subtasks)));
        }
        return new JobDetails(jobId(json, "jid"), json.path("name").asText(""), requiredText(json, "state"),
                json.path("start-time").asLong(-1), json.path("end-time").asLong(-1), json.path("duration").asLong(-1),
                List.copyOf(vertices));
    }

    static JobExceptions jobExceptions(JsonNode json) {
        JsonNode root = json.path("root-exception");
        List<String> history = new ArrayList<>();
        for (JsonNode entry : array(json.path("exceptionHistory"), "entries")) {
            history.add(entry.path("stacktrace").asText());
        }
        return new JobExceptions(root.isTextual() ? root.asText() : null, json.path("timestamp").asLong(-1),
                List.copyOf(history));
    }

    /** The job id at the end of {@code {"jobUrl":"/jobs/<jobid>"}}. */
    static LatestCheckpoint latestCheckpoint(JsonNode json) {
        JsonNode counts = json.path("counts");
        JsonNode latest = json.path("latest").path("completed");
        boolean any = latest.isObject();
        return new LatestCheckpoint(counts.path("completed").asLong(), counts.path("failed").asLong(),
                any ? latest.path("id").asLong() : -1,
                any ? latest.path("trigger_timestamp").asLong() + latest.path("end_to_end_duration").asLong() : -1,
                any ? latest.path("external_path").asText() : null);
    }

    static JobID submittedJobId(JsonNode json) {
        String url = requiredText(json, "jobUrl");
        return JobID.fromHexString(url.substring(url.lastIndexOf('/') + 1));
    }

    /** The messages of an error answer {@code {"errors":[...]}}, or an empty list when it is not one. */
    static List<String> errors(JsonNode json) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : array(json, "errors")) {
            messages.add(error.asText());
        }
        return messages;
    }

    private static JobID jobId(JsonNode json, String field) {
        return JobID.fromHexString(requiredText(json, field));
    }

    private static String requiredText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException("the field '" + field + "' is missing");
        }
        return value.asText();
    }

    private static Iterable<JsonNode> array(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isArray() ? value : List.of();
    }
}
