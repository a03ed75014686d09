package io.spindle.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Calls the fault controls of a running sandbox ({@link SandboxControlServer}): for the
 * {@code local-hadoop.sh} verbs, and in-process for a chaos run, which must know to the
 * millisecond when a fault struck.
 */
public final class SandboxControlClient {
    /** Longer than the slowest operation, a NameNode restart that waits for its DataNode. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

    /** What the endpoint answered: an HTTP status and a plain-text body. */
    public record Reply(int status, String body) {
        public boolean succeeded() {
            return status == 200;
        }
    }

    private final String address;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxControlClient(String address) {
        this.address = address;
    }

    /** The client of the sandbox whose addresses file is {@code addressesFile}. */
    public static SandboxControlClient of(Path addressesFile) throws IOException {
        Properties addresses = new Properties();
        try (InputStream in = Files.newInputStream(addressesFile)) {
            addresses.load(in);
        }
        String address = addresses.getProperty("control.address");
        if (address == null) {
            throw new IOException(addressesFile + " names no control.address: the sandbox is older than its fault "
                    + "controls; restart it");
        }
        return new SandboxControlClient(address);
    }

    public Reply post(String control, Map<String, String> parameters) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(control, parameters)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply get(String control, Map<String, String> parameters) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(control, parameters)).GET());
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body());
    }

    private URI uri(String control, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create("http://" + address + "/" + control + (query.isEmpty() ? "" : "?" + query));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
