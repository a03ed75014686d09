package io.spindle.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spindle.rest.RestClusterBackend.ClusterOverview;
import io.spindle.rest.RestClusterBackend.JobDetails;
import io.spindle.rest.RestClusterBackend.JobExceptions;
import io.spindle.rest.RestClusterBackend.JobOverview;
import io.spindle.rest.RestClusterBackend.SubtaskDetails;
import io.spindle.rest.RestClusterBackend.TaskManagerInfo;
import io.spindle.rest.RestClusterBackend.VertexDetails;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of docs/rest-api.md, built field by field so that the Flink-style names
 * (hyphenated, some camelCase) are exactly those of the document.
 */
final class RestJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RestJson() {}

    static ObjectNode emptyObject() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode overview(ClusterOverview overview, String version) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("taskmanagers", overview.taskManagers());
        node.put("slots-total", overview.slotsTotal());
        node.put("slots-available", overview.slotsAvailable());
        node.put("jobs-running", overview.jobsRunning());
        node.put("jobs-finished", overview.jobsFinished());
        node.put("jobs-cancelled", overview.jobsCancelled());
        node.put("jobs-failed", overview.jobsFailed());
        node.put("spindle-version", version);
        return node;
    }

    static ObjectNode configuration(Map<String, String> configuration, String version) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("spindle-version", version);
        ObjectNode entries = node.putObject("configuration");
        new TreeMap<>(configuration).forEach(entries::put);
        return node;
    }

    static ObjectNode jobIdsAndStatuses(List<JobOverview> jobs) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode array = node.putArray("jobs");
        for (JobOverview job : jobs) {
            array.addObject().put("id", job.jobId()).put("status", job.state());
        }
        return node;
    }

    static ObjectNode jobsOverview(List<JobOverview> jobs) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode array = node.putArray("jobs");
        for (JobOverview job : jobs) {
            ObjectNode entry = array.addObject();
            putJobHeader(entry, job.jobId(), job.name(), job.state(), job.startTime(), job.endTime(), job.duration());
            entry.putObject("tasks")
                    .put("total", job.tasksTotal())
                    .put("running", job.tasksRunning())
                    .put("finished", job.tasksFinished());
        }
        return node;
    }

    static ObjectNode jobDetails(JobDetails job) {
        ObjectNode node = MAPPER.createObjectNode();
        putJobHeader(node, job.jobId(), job.name(), job.state(), job.startTime(), job.endTime(), job.duration());
        ArrayNode vertices = node.putArray("vertices");
        for (VertexDetails vertex : job.vertices()) {
            ObjectNode v = vertices.addObject()
                    .put("id", vertex.id())
                    .put("name", vertex.name())
                    .put("parallelism", vertex.parallelism())
                    .put("maxParallelism", vertex.maxParallelism())
                    .put("status", vertex.status());
            ArrayNode subtasks = v.putArray("subtasks");
            for (SubtaskDetails subtask : vertex.subtasks()) {
                subtasks.addObject()
                        .put("subtask", subtask.subtask())
                        .put("attempt", subtask.attempt())
                        .put("status", subtask.status())
                        .put("taskmanager-id", subtask.taskManagerId())
                        .put("host", subtask.host());
            }
        }
        return node;
    }

    static ObjectNode jobExceptions(JobExceptions exceptions) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("root-exception", exceptions.rootException());
        node.put("timestamp", exceptions.timestamp());
        ArrayNode history = node.putArray("exceptionHistory");
        exceptions.history().forEach(history::add);
        return node;
    }

    static ObjectNode taskManagers(List<TaskManagerInfo> taskManagers) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode array = node.putArray("taskmanagers");
        taskManagers.forEach(tm -> array.add(taskManager(tm)));
        return node;
    }

    static ObjectNode taskManager(TaskManagerInfo tm) {
        return MAPPER.createObjectNode()
                .put("id", tm.id())
                .put("path", tm.rpcAddress())
                .put("dataAddress", tm.dataAddress())
                .put("slotsNumber", tm.slotsNumber())
                .put("freeSlots", tm.freeSlots())
                .put("timeSinceLastHeartbeat", tm.timeSinceLastHeartbeat());
    }

    private static void putJobHeader(ObjectNode node, String jobId, String name, String state, long startTime,
            long endTime, long duration) {
        node.put("jid", jobId)
                .put("name", name)
                .put("state", state)
                .put("start-time", startTime)
                .put("end-time", endTime)
                .put("duration", duration);
    }
}
