package io.spindle.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** HTTP helpers for the endpoint tests: java.net.http for normal calls, raw sockets for misbehaving clients. */
final class RestTestClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "spindle-test-boundary-7d1f";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RestTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A status and the parsed JSON body; a body that is not JSON fails the test. */
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

    Reply send(String method, String path, HttpRequest.BodyPublisher body, String contentType) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()), response);
    }

    Reply get(String path) throws Exception {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    Reply json(String method, String path, String body) throws Exception {
        return send(method, path, HttpRequest.BodyPublishers.ofString(body), "application/json");
    }

    Reply multipart(String path, List<Part> parts) throws Exception {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(multipartBody(parts)),
                "multipart/form-data; boundary=" + BOUNDARY);
    }

    /** One form part; {@code fileName} null makes it a plain field. */
    record Part(String name, String fileName, byte[] content) {}

    static byte[] multipartBody(List<Part> parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"")
                    .append(part.name()).append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append('"');
            }
            head.append("\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(part.content());
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * Opens a raw connection, writes {@code request} and reads until the server closes the
     * connection; fails with SocketTimeoutException when it stays open longer than {@code wait}.
     */
    static String rawExchangeUntilClosed(InetSocketAddress server, String request, Duration wait) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5000);
            socket.setSoTimeout((int) wait.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readUntilClosed(socket.getInputStream());
        }
    }

    static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
