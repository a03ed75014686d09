package io.spindle.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spindle.rest.RestClusterBackend.ClusterOverview;
import io.spindle.rest.RestClusterBackend.TaskManagerInfo;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster-wide JSON shapes of docs/rest-api.md, built field by field so that the names are
 * exactly Flink 1.20's (hyphenated, some camelCase), which Flink's REST client and dashboard read.
 * The job shapes are in {@link JobJson}.
 */
final class RestJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MEBIBYTE = 1024 * 1024;

    /** What Flink shows instead of a secret configuration value. */
    static final String HIDDEN_CONTENT = "******";

    /**
     * Parts of configuration keys whose values are secret, as Flink's
     * {@code GlobalConfiguration.isSensitive} lists them (matched in the lower-cased key).
     */
    private static final List<String> SENSITIVE_KEY_PARTS = List.of("password", "secret", "fs.azure.account.key",
            "apikey", "auth-params", "service-key", "token", "basic-auth", "jaas.config", "http-headers");

    /** How often Flink's dashboard polls, in ms (Flink's {@code web.refresh-interval} default). */
    private static final long DASHBOARD_REFRESH_INTERVAL = 3000;

    private RestJson() {}

    /**
     * A request body as a JSON object; an empty object for an empty body; a 400 naming
     * {@code example} for anything else.
     */
    static JsonNode objectBody(byte[] body, String example) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return emptyObject();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw RestHandlerException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw RestHandlerException.badRequest("The request body must be a JSON object such as " + example);
        }
        return json;
    }

    static ObjectNode emptyObject() {
        return MAPPER.createObjectNode();
    }

    /**
     * Flink's cluster overview. Spindle never blocks TaskManagers or slots, so the blocked counts
     * are 0; Spindle's version stands where Flink's version and commit are.
     */
    static ObjectNode overview(ClusterOverview overview, String version) {
        return MAPPER.createObjectNode()
                .put("taskmanagers", overview.taskManagers())
                .put("slots-total", overview.slotsTotal())
                .put("slots-available", overview.slotsAvailable())
                .put("jobs-running", overview.jobsRunning())
                .put("jobs-finished", overview.jobsFinished())
                .put("jobs-cancelled", overview.jobsCancelled())
                .put("jobs-failed", overview.jobsFailed())
                .put("slots-free-and-blocked", 0)
                .put("taskmanagers-blocked", 0)
                .put("flink-version", version)
                .put("flink-commit", version)
                .put("spindle-version", version);
    }

    /** Flink's dashboard configuration: jars can be submitted and jobs cancelled; no rescaling, no history server. */
    static ObjectNode dashboardConfiguration(String version, ZonedDateTime now) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("refresh-interval", DASHBOARD_REFRESH_INTERVAL)
                .put("timezone-name", now.getZone().getDisplayName(TextStyle.FULL, Locale.ROOT))
                .put("timezone-offset", now.getOffset().getTotalSeconds() * 1000)
                .put("flink-version", version)
                .put("flink-revision", version);
        node.putObject("features")
                .put("web-submit", true)
                .put("web-cancel", true)
                .put("web-rescale", false)
                .put("web-history", false);
        return node;
    }

    /** Flink's {@code /jobmanager/config}: an array of {key, value} sorted by key, secrets masked. */
    static ArrayNode clusterConfiguration(Map<String, String> configuration) {
        ArrayNode entries = MAPPER.createArrayNode();
        masked(configuration).forEach((key, value) -> entries.addObject().put("key", key).put("value", value));
        return entries;
    }

    /** The configuration sorted by key, with the value of every secret-looking key replaced by {@link #HIDDEN_CONTENT}. */
    static Map<String, String> masked(Map<String, String> configuration) {
        Map<String, String> masked = new TreeMap<>();
        configuration.forEach((key, value) -> masked.put(key, isSensitive(key) ? HIDDEN_CONTENT : value));
        return masked;
    }

    static boolean isSensitive(String key) {
        String lowerCase = key.toLowerCase(Locale.ROOT);
        return SENSITIVE_KEY_PARTS.stream().anyMatch(lowerCase::contains);
    }

    static ObjectNode taskManagers(List<TaskManagerInfo> taskManagers) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode array = node.putArray("taskmanagers");
        taskManagers.forEach(tm -> array.add(taskManager(tm)));
        return node;
    }

    /**
     * Flink's TaskManagerInfo, from what the TaskManager measured and was configured with when it
     * registered. Spindle has no managed memory and no framework/task split of heap or off-heap, so
     * those parts are 0; the whole heap counts as task heap. Slots are equal shares of the
     * TaskManager (one cpu each, as Flink's default {@code taskmanager.cpu.cores}), so the free
     * resource is the free slots' share. No JMX port (-1).
     */
    static ObjectNode taskManager(TaskManagerInfo tm) {
        TaskManagerInfo.Resources resources = tm.resources();
        ObjectNode node = MAPPER.createObjectNode()
                .put("id", tm.id())
                .put("path", tm.rpcAddress())
                .put("dataPort", portOf(tm.dataAddress()))
                .put("jmxPort", -1)
                .put("timeSinceLastHeartbeat", tm.timeSinceLastHeartbeat())
                .put("slotsNumber", tm.slotsNumber())
                .put("freeSlots", tm.freeSlots());
        node.set("totalResource", resourceProfile(resources, tm.slotsNumber(), 1.0));
        node.set("freeResource", resourceProfile(resources, tm.slotsNumber(),
                tm.slotsNumber() == 0 ? 0.0 : (double) tm.freeSlots() / tm.slotsNumber()));
        node.putObject("hardware")
                .put("cpuCores", resources.cpuCores())
                .put("physicalMemory", resources.physicalMemory())
                .put("freeMemory", resources.freeHeap())
                .put("managedMemory", 0L);
        long flinkMemory = resources.heap() + resources.networkMemory();
        node.putObject("memoryConfiguration")
                .put("frameworkHeap", 0L)
                .put("taskHeap", resources.heap())
                .put("frameworkOffHeap", 0L)
                .put("taskOffHeap", 0L)
                .put("networkMemory", resources.networkMemory())
                .put("managedMemory", 0L)
                .put("jvmMetaspace", resources.metaspace())
                .put("jvmOverhead", Math.max(0L, resources.processMemory() - flinkMemory - resources.metaspace()))
                .put("totalFlinkMemory", flinkMemory)
                .put("totalProcessMemory", resources.processMemory());
        node.put("blocked", false);
        return node;
    }

    /** Flink's ResourceProfileInfo: cpu cores and memory in MiB, here {@code share} of the whole TaskManager. */
    private static ObjectNode resourceProfile(TaskManagerInfo.Resources resources, int slots, double share) {
        ObjectNode profile = MAPPER.createObjectNode()
                .put("cpuCores", slots * share)
                .put("taskHeapMemory", (int) (resources.heap() * share / MEBIBYTE))
                .put("taskOffHeapMemory", 0)
                .put("managedMemory", 0)
                .put("networkMemory", (int) (resources.networkMemory() * share / MEBIBYTE));
        profile.putObject("extendedResources");
        return profile;
    }

    private static int portOf(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
