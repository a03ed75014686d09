package io.spindle.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The chaos run's view of its per-job cluster: the YARN application (state, attempt, tracking
 * URL) and, through the tracking URL of the current attempt, the job's REST endpoint (status,
 * latest completed checkpoint). Every query reads anew, since the address moves when an
 * ApplicationMaster attempt replaces a killed one; a query that finds no answer returns the
 * "unknown" value instead of failing, since answers go missing mid-fault.
 */
final class ChaosCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final YarnClient yarn;
    private final ApplicationId applicationId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private volatile String jobId;

    ChaosCluster(YarnConfiguration configuration, String applicationId) {
        this.applicationId = ApplicationId.fromString(applicationId);
        yarn = YarnClient.createYarnClient();
        yarn.init(configuration);
        yarn.start();
    }

    String applicationId() {
        return applicationId.toString();
    }

    ApplicationReport report() throws Exception {
        return yarn.getApplicationReport(applicationId);
    }

    boolean applicationEnded() throws Exception {
        YarnApplicationState state = report().getYarnApplicationState();
        return state == YarnApplicationState.FINISHED || state == YarnApplicationState.FAILED
                || state == YarnApplicationState.KILLED;
    }

    /** The job's status on the current attempt's REST endpoint, null when it does not answer. */
    String jobStatus() {
        String id = jobId();
        JsonNode job = id == null ? null : get("/jobs/" + id);
        return job == null ? null : job.path("state").asText(null);
    }

    /** The id of the latest completed checkpoint (ids grow across leaders), -1 when none or unknown. */
    long latestCompletedCheckpoint() {
        String id = jobId();
        JsonNode checkpoints = id == null ? null : get("/jobs/" + id + "/checkpoints");
        return checkpoints == null ? -1 : checkpoints.path("latest").path("completed").path("id").asLong(-1);
    }

    /** How many TaskManagers are registered with the current leader, -1 when it does not answer. */
    int registeredTaskManagers() {
        JsonNode taskManagers = get("/taskmanagers");
        return taskManagers == null ? -1 : taskManagers.path("taskmanagers").size();
    }

    /**
     * The TaskManagers (on YARN: their container ids) that run one of the job's subtasks, empty
     * when the endpoint does not answer.
     */
    Set<String> taskManagersWithSubtasks() {
        String id = jobId();
        JsonNode job = id == null ? null : get("/jobs/" + id);
        Set<String> taskManagers = new HashSet<>();
        if (job == null) {
            return taskManagers;
        }
        for (JsonNode vertex : job.path("vertices")) {
            JsonNode details = get("/jobs/" + id + "/vertices/" + vertex.path("id").asText());
            if (details != null) {
                details.path("subtasks").forEach(subtask -> taskManagers.add(subtask.path("taskmanager-id").asText()));
            }
        }
        return taskManagers;
    }

    private String jobId() {
        if (jobId == null) {
            JsonNode jobs = get("/jobs");
            if (jobs != null && jobs.path("jobs").size() > 0) {
                jobId = jobs.path("jobs").get(0).path("id").asText();
            }
        }
        return jobId;
    }

    private JsonNode get(String path) {
        try {
            String base = report().getOriginalTrackingUrl();
            if (base == null || !base.startsWith("http")) {
                return null;
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
                    .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (Exception unanswered) {
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        yarn.close();
    }
}
