package io.spindle.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spindle.rest.RestClusterBackend.ExceptionEntry;
import io.spindle.rest.RestClusterBackend.JobDetails;
import io.spindle.rest.RestClusterBackend.JobExceptions;
import io.spindle.rest.RestClusterBackend.JobOverview;
import io.spindle.rest.RestClusterBackend.JobResult;
import io.spindle.rest.RestClusterBackend.SubtaskDetails;
import io.spindle.rest.RestClusterBackend.VertexDetails;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON shapes of the job routes in Flink 1.20's names. Flink's client fills its objects from
 * constructors that reject missing maps and lists, so every field Flink writes is written here,
 * with zeros or empty objects for what Spindle does not measure (I/O metrics, failure labels).
 */
final class JobJson {
    /** Flink's execution states in its order; Spindle's subtasks use CREATED, DEPLOYING, RUNNING and the three ends. */
    static final List<String> EXECUTION_STATES = List.of("CREATED", "SCHEDULED", "DEPLOYING", "RUNNING", "FINISHED",
            "CANCELING", "CANCELED", "FAILED", "RECONCILING", "INITIALIZING");

    /** Flink's job statuses; Spindle's jobs use a subset. */
    static final List<String> JOB_STATUSES = List.of("INITIALIZING", "CREATED", "RUNNING", "FAILING", "FAILED",
            "CANCELLING", "CANCELED", "FINISHED", "RESTARTING", "SUSPENDED", "RECONCILING");

    /** The states whose durations Flink reports per subtask ({@code status-duration}). */
    private static final List<String> TIMED_STATES = List.of("CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING",
            "RUNNING");

    /** How many failures {@code /exceptions} lists, as Flink's default {@code web.exception-history-size}. */
    static final int EXCEPTION_HISTORY_SIZE = 16;

    private JobJson() {}

    static ObjectNode jobIdsAndStatuses(List<JobOverview> jobs) {
        ObjectNode node = RestJson.MAPPER.createObjectNode();
        ArrayNode array = node.putArray("jobs");
        for (JobOverview job : jobs) {
            array.addObject().put("id", job.jobId()).put("status", job.state());
        }
        return node;
    }

    /** Flink's MultipleJobsDetails: {@code tasks} has "total" and every execution state, lower-cased. */
    static ObjectNode jobsOverview(List<JobOverview> jobs) {
        ObjectNode node = RestJson.MAPPER.createObjectNode();
        ArrayNode array = node.putArray("jobs");
        for (JobOverview job : jobs) {
            ObjectNode entry = putJobHeader(array.addObject(), job);
            entry.put("last-modification", job.lastModification());
            ObjectNode tasks = entry.putObject("tasks").put("total", job.tasksTotal());
            for (String state : EXECUTION_STATES) {
                tasks.put(state.toLowerCase(Locale.ROOT), job.tasksPerState().getOrDefault(state, 0));
            }
        }
        return node;
    }

    /**
     * Flink's JobDetailsInfo. Spindle cannot stop a job with a savepoint yet ({@code isStoppable}
     * false). Beyond Flink's fields each vertex also lists its {@code subtasks}, which Spindle's CLI shows.
     */
    static ObjectNode jobDetails(JobDetails job, long now) {
        JobOverview overview = job.overview();
        JsonNode plan = parse(job.plan());
        ObjectNode node = RestJson.MAPPER.createObjectNode()
                .put("jid", overview.jobId())
                .put("name", overview.name())
                .put("isStoppable", false)
                .put("state", overview.state())
                .put("job-type", plan.path("type").asText("STREAMING"))
                .put("start-time", overview.startTime())
                .put("end-time", overview.endTime())
                .put("duration", overview.duration())
                .put("maxParallelism", job.vertices().stream().mapToInt(VertexDetails::maxParallelism).max().orElse(-1))
                .put("now", now);
        ObjectNode timestamps = node.putObject("timestamps");
        for (String status : JOB_STATUSES) {
            timestamps.put(status, job.statusTimestamps().getOrDefault(status, 0L));
        }
        ArrayNode vertices = node.putArray("vertices");
        Map<String, Integer> verticesPerState = new HashMap<>();
        for (VertexDetails vertex : job.vertices()) {
            verticesPerState.merge(vertex.status(), 1, Integer::sum);
            ObjectNode v = vertices.addObject()
                    .put("id", vertex.id())
                    // One slot sharing group per job, as all of a job's vertices share slots.
                    .put("slotSharingGroupId", overview.jobId())
                    .put("name", vertex.name())
                    .put("maxParallelism", vertex.maxParallelism())
                    .put("parallelism", vertex.parallelism())
                    .put("status", vertex.status())
                    .put("start-time", vertex.startTime())
                    .put("end-time", vertex.endTime())
                    .put("duration", duration(vertex.startTime(), vertex.endTime(), now));
            v.set("tasks", countsByState(vertex.tasksPerState()));
            v.set("metrics", unmeasuredMetrics());
            ArrayNode subtasks = v.putArray("subtasks");
            vertex.subtasks().forEach(subtask -> subtasks.add(subtask(subtask, now)));
        }
        node.set("status-counts", countsByState(verticesPerState));
        node.set("plan", plan);
        if (job.cleanup() != null) {
            node.set("cleanup", cleanup(job.cleanup()));
        }
        return node;
    }

    /** Spindle's own: where the cleanup of an ended job stands, and what it has not deleted yet. */
    private static ObjectNode cleanup(RestClusterBackend.CleanupReport report) {
        ObjectNode node = RestJson.MAPPER.createObjectNode().put("status", report.status());
        ArrayNode left = node.putArray("left");
        for (RestClusterBackend.CleanupLeftover leftover : report.left()) {
            left.addObject().put("resource", leftover.resource()).put("location", leftover.location())
                    .put("failed-attempts", leftover.failedAttempts()).put("error", leftover.error());
        }
        return node;
    }

    /** Flink's JobVertexDetailsInfo: one vertex with its subtasks. */
    static ObjectNode vertexDetails(VertexDetails vertex, long now) {
        ObjectNode node = RestJson.MAPPER.createObjectNode()
                .put("id", vertex.id())
                .put("name", vertex.name())
                .put("parallelism", vertex.parallelism())
                .put("maxParallelism", vertex.maxParallelism())
                .put("now", now);
        ArrayNode subtasks = node.putArray("subtasks");
        vertex.subtasks().forEach(subtask -> subtasks.add(subtask(subtask, now)));
        ObjectNode aggregated = node.putObject("aggregated");
        aggregated.putObject("metrics");
        aggregated.putObject("status-duration");
        return node;
    }

    /** Flink's SubtaskExecutionAttemptDetailsInfo; a subtask starts when deployed. */
    private static ObjectNode subtask(SubtaskDetails subtask, long now) {
        Map<String, Long> reached = subtask.stateTimestamps();
        long start = reached.getOrDefault("DEPLOYING", -1L);
        long end = -1;
        for (String terminal : List.of("FINISHED", "CANCELED", "FAILED")) {
            if (reached.containsKey(terminal)) {
                end = reached.get(terminal);
            }
        }
        String host = subtask.host() == null ? "(unassigned)" : subtask.host();
        ObjectNode node = RestJson.MAPPER.createObjectNode()
                .put("subtask", subtask.subtask())
                .put("status", subtask.status())
                .put("attempt", subtask.attempt())
                .put("endpoint", host)
                .put("host", host)
                .put("start-time", start)
                .put("start_time", start)
                .put("end-time", end)
                .put("duration", duration(start, end, now))
                .put("taskmanager-id", subtask.taskManagerId() == null ? "(unassigned)" : subtask.taskManagerId());
        node.set("metrics", unmeasuredMetrics());
        node.set("status-duration", stateDurations(reached, now));
        return node;
    }

    /** How long the subtask was in each state Flink times: until the next state it reached, or until now. */
    private static ObjectNode stateDurations(Map<String, Long> reached, long now) {
        ObjectNode durations = RestJson.MAPPER.createObjectNode();
        for (String state : TIMED_STATES) {
            Long entered = reached.get(state);
            long duration = 0;
            if (entered != null) {
                long left = now;
                for (Long other : reached.values()) {
                    if (other > entered && other < left) {
                        left = other;
                    }
                }
                duration = left - entered;
            }
            durations.put(state, duration);
        }
        return durations;
    }

    /**
     * Flink's JobExceptionsInfoWithHistory: the deprecated top-level fields Flink 1.20 still
     * writes, and {@code exceptionHistory.entries}, newest first, at most
     * {@link #EXCEPTION_HISTORY_SIZE} of them ({@code truncated} says when there were more).
     */
    static ObjectNode jobExceptions(JobExceptions exceptions) {
        ObjectNode node = RestJson.MAPPER.createObjectNode();
        node.put("root-exception", exceptions.rootException());
        node.put("timestamp", exceptions.timestamp());
        node.putArray("all-exceptions");
        node.put("truncated", false);
        ObjectNode history = node.putObject("exceptionHistory");
        ArrayNode entries = history.putArray("entries");
        List<ExceptionEntry> all = exceptions.history();
        for (ExceptionEntry entry : all.subList(0, Math.min(all.size(), EXCEPTION_HISTORY_SIZE))) {
            ObjectNode e = entries.addObject()
                    .put("exceptionName", entry.exceptionName())
                    .put("stacktrace", entry.stacktrace())
                    .put("timestamp", entry.timestamp())
                    .put("taskName", entry.taskName())
                    .put("location", entry.host())
                    .put("endpoint", entry.host())
                    .put("taskManagerId", entry.taskManagerId());
            e.putObject("failureLabels");
            e.putArray("concurrentExceptions");
        }
        history.put("truncated", all.size() > EXCEPTION_HISTORY_SIZE);
        return node;
    }

    /**
     * Flink's JobExecutionResultResponseBody: {@code IN_PROGRESS} while the job runs, else
     * {@code COMPLETED} with the result. Flink's client reads exactly the five fields of the result
     * and refuses any other; accumulators and failure are Java-serialized Flink objects.
     */
    static ObjectNode executionResult(Optional<JobResult> maybeResult) {
        ObjectNode node = RestJson.MAPPER.createObjectNode();
        if (maybeResult.isEmpty()) {
            node.putObject("status").put("id", "IN_PROGRESS");
            return node;
        }
        JobResult result = maybeResult.get();
        node.putObject("status").put("id", "COMPLETED");
        ObjectNode body = node.putObject("job-execution-result")
                .put("id", result.jobId())
                .put("application-status", applicationStatus(result.state()))
                .put("net-runtime", Math.max(0, result.endTime() - result.startTime()));
        body.set("accumulator-results", serializedAccumulators(result.accumulators()));
        if (result.failure() != null) {
            RestClusterBackend.Failure failure = result.failure();
            body.putObject("failure-cause")
                    .put("class", failure.className())
                    .put("stack-trace", failure.stackTrace())
                    .put("serialized-throwable", FlinkSerializedForms.serializedThrowableOf(failure.className(),
                            failure.message(), failure.stackTrace(), failure.javaSerialized()));
        }
        return node;
    }

    /** Flink's JobAccumulatorsInfo. Spindle's accumulators are long counters (Flink's LongCounter). */
    static ObjectNode accumulators(Map<String, Long> accumulators, boolean includeSerializedValue) {
        ObjectNode node = RestJson.MAPPER.createObjectNode();
        node.putArray("job-accumulators");
        ArrayNode userAccumulators = node.putArray("user-task-accumulators");
        new TreeMap<>(accumulators).forEach((name, value) -> userAccumulators.addObject()
                .put("name", name)
                .put("type", "LongCounter")
                .put("value", String.valueOf(value)));
        node.set("serialized-user-task-accumulators", includeSerializedValue ? serializedAccumulators(accumulators)
                : RestJson.MAPPER.createObjectNode());
        return node;
    }

    /**
     * Flink's JobConfigInfo. Spindle exchanges data as Flink's PIPELINED mode does;
     * {@code user-config} is the job's configuration, secrets masked.
     */
    static ObjectNode jobConfig(JobDetails job) {
        Map<String, String> configuration = job.jobConfiguration();
        ObjectNode node = RestJson.MAPPER.createObjectNode()
                .put("jid", job.overview().jobId())
                .put("name", job.overview().name());
        ObjectNode executionConfig = node.putObject("execution-config")
                .put("execution-mode", "PIPELINED")
                .put("restart-strategy", configuration.getOrDefault("restart-strategy.type", "default"))
                .put("job-parallelism", parallelismOf(configuration))
                .put("object-reuse-mode", false);
        ObjectNode userConfig = executionConfig.putObject("user-config");
        RestJson.masked(configuration).forEach(userConfig::put);
        return node;
    }

    static ObjectNode plan(String planJson) {
        ObjectNode node = RestJson.MAPPER.createObjectNode();
        node.set("plan", parse(planJson));
        return node;
    }

    private static int parallelismOf(Map<String, String> configuration) {
        try {
            return Integer.parseInt(configuration.getOrDefault("parallelism.default", "-1").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ObjectNode serializedAccumulators(Map<String, Long> accumulators) {
        ObjectNode serialized = RestJson.MAPPER.createObjectNode();
        new TreeMap<>(accumulators).forEach((name, value) ->
                serialized.put(name, FlinkSerializedForms.optionalFailureOf(value)));
        return serialized;
    }

    /** Flink's ApplicationStatus of a terminal job status. */
    private static String applicationStatus(String jobStatus) {
        return switch (jobStatus) {
            case "FINISHED" -> "SUCCEEDED";
            case "FAILED" -> "FAILED";
            case "CANCELED" -> "CANCELED";
            default -> "UNKNOWN";
        };
    }

    private static ObjectNode putJobHeader(ObjectNode node, JobOverview job) {
        return node.put("jid", job.jobId())
                .put("name", job.name())
                .put("state", job.state())
                .put("start-time", job.startTime())
                .put("end-time", job.endTime())
                .put("duration", job.duration());
    }

    /** Every execution state with its count, as Flink's maps keyed by ExecutionState. */
    private static ObjectNode countsByState(Map<String, Integer> counts) {
        ObjectNode node = RestJson.MAPPER.createObjectNode();
        for (String state : EXECUTION_STATES) {
            node.put(state, counts.getOrDefault(state, 0));
        }
        return node;
    }

    /** Flink's IOMetricsInfo with zeros: Spindle does not count bytes and records per task yet, so none is complete. */
    private static ObjectNode unmeasuredMetrics() {
        return RestJson.MAPPER.createObjectNode()
                .put("read-bytes", 0L)
                .put("read-bytes-complete", false)
                .put("write-bytes", 0L)
                .put("write-bytes-complete", false)
                .put("read-records", 0L)
                .put("read-records-complete", false)
                .put("write-records", 0L)
                .put("write-records-complete", false)
                .put("accumulated-backpressured-time", 0L)
                .put("accumulated-idle-time", 0L)
                .put("accumulated-busy-time", 0.0);
    }

    private static long duration(long start, long end, long now) {
        return start > 0 ? (end > 0 ? end : now) - start : -1;
    }

    private static JsonNode parse(String json) {
        try {
            return RestJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("The job's plan is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
