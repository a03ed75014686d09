package io.spindle.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the tests of scripted clusters ask a JobManager's REST endpoint, and how they find its process. */
public final class ClusterRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterRest() {}

    /** {@code GET http://127.0.0.1:<port><path>}, which must answer 200, as JSON. */
    public static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = request(port, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public static HttpResponse<String> request(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JobManager process started with {@code -D rest.port=<port>}. */
    public static ProcessHandle jobManagerProcess(int restPort) {
        return ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
                        .map(line -> line.contains("rest.port=" + restPort + " ") || line.endsWith("rest.port=" + restPort))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no JobManager with REST port " + restPort));
    }

    /** The examples jar of this build, submitted as a user's jar. */
    public static String examplesJar() {
        return ScriptedCluster.REPO.resolve("examples/target/examples-0.1.0-SNAPSHOT.jar").toString();
    }
}
