package io.spindle.yarn.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spindle.deployment.YarnDeploymentConstants;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * An ApplicationMaster for the descriptor's tests, standing in for the JobManager entry points:
 * it serves {@code /overview} (200) and {@code /environment} (what its container received, as
 * properties), registers with that address as tracking URL, waits for the marker file named by
 * {@link #FINISH_MARKER} (at most {@link #MAX_LIFETIME} seconds), deletes the staging directory
 * as the real AM does, and unregisters SUCCEEDED.
 */
public final class MarkerFileApplicationMaster {
    static final String FINISH_MARKER = "test.am.finish-marker";
    static final String REGISTER_DELAY = "test.am.register-delay-ms";
    static final long MAX_LIFETIME = 60;

    private MarkerFileApplicationMaster() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> properties = dynamicProperties();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        server.createContext("/overview", exchange -> respond(exchange, "{\"taskmanagers\":0}"));
        server.createContext("/environment", exchange -> respond(exchange, environmentReport()));
        server.start();
        Thread.sleep(Long.parseLong(properties.getOrDefault(REGISTER_DELAY, "0")));

        YarnConfiguration configuration = new YarnConfiguration();
        AMRMClient<AMRMClient.ContainerRequest> resourceManager = AMRMClient.createAMRMClient();
        resourceManager.init(configuration);
        resourceManager.start();
        int port = server.getAddress().getPort();
        resourceManager.registerApplicationMaster(loopback.getHostAddress(), port,
                "http://" + loopback.getHostAddress() + ':' + port);

        Path marker = Path.of(properties.get(FINISH_MARKER));
        long deadline = System.nanoTime() + MAX_LIFETIME * 1_000_000_000L;
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(System.getenv(YarnDeploymentConstants.ENV_STAGING_DIR));
        staging.getFileSystem(configuration).delete(staging, true);
        resourceManager.unregisterApplicationMaster(FinalApplicationStatus.SUCCEEDED, "marker file found", null);
        resourceManager.stop();
        server.stop(0);
    }

    private static Map<String, String> dynamicProperties() {
        Map<String, String> properties = new HashMap<>();
        for (String line : System.getenv(YarnDeploymentConstants.ENV_DYNAMIC_PROPERTIES).split("\n")) {
            int split = line.indexOf('=');
            if (split > 0) {
                properties.put(line.substring(0, split), line.substring(split + 1));
            }
        }
        return properties;
    }

    private static String environmentReport() throws IOException {
        Properties report = new Properties();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("_SPINDLE_") || name.equals("JAVA_HOME")) {
                report.setProperty(name, value);
            }
        });
        try (Stream<Path> files = Files.list(Path.of("."))) {
            report.setProperty("files", files.map(file -> file.getFileName().toString()).sorted()
                    .collect(Collectors.joining(",")));
        }
        StringWriter out = new StringWriter();
        report.store(out, null);
        return out.toString();
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
