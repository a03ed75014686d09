package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.rest.RestTestClient.Part;
import io.spindle.rest.RestTestClient.Reply;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong requests and misbehaving clients always get a JSON error (or a closed connection), never HTML. */
class RestBadInputTest {
    private static final Duration SHORT_IDLENESS = Duration.ofMillis(300);
    private static final Duration WAIT_FOR_CLOSE = Duration.ofSeconds(5);

    @TempDir
    Path uploadDir;

    private final FakeClusterBackend backend = new FakeClusterBackend();
    private RestServerEndpoint endpoint;
    private RestTestClient client;

    private void start(int maxContentLength) throws Exception {
        endpoint = RestServerEndpoint.start(
                new RestServerConfiguration("127.0.0.1", 0, maxContentLength, SHORT_IDLENESS, uploadDir), backend);
        client = new RestTestClient(endpoint.getRestBaseUrl());
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void badJobIdIs400SayingWhatAJobIdIs() throws Exception {
        start(1 << 20);

        assertError(client.get("/jobs/not-a-job"), 400, "32 hexadecimal digits");
        assertError(client.get("/jobs/0123456789abcdef0123456789abcdeg/exceptions"), 400, "32 hexadecimal digits");
    }

    @Test
    void unknownJobIs404() throws Exception {
        start(1 << 20);
        String unknown = "/jobs/" + "ab".repeat(16);

        assertError(client.get(unknown), 404, "is not known");
        assertError(client.get(unknown + "/exceptions"), 404, "is not known");
        assertError(client.send("PATCH", unknown + "?mode=cancel", BodyPublishers.noBody(), null), 404, "is not known");
    }

    @Test
    void aCancelModeOtherThanCancelIsRefused() throws Exception {
        start(1 << 20);
        String job = "/jobs/" + FakeClusterBackend.KNOWN_JOB.toHexString();

        assertError(client.send("PATCH", job + "?mode=stop", BodyPublishers.noBody(), null), 400, "'stop'");
        assertThat(backend.cancelled).isEmpty();
    }

    @Test
    void unknownRouteIs404() throws Exception {
        start(1 << 20);

        assertError(client.get("/nothing/here"), 404, "No REST endpoint for GET /nothing/here");
        assertError(client.get("/"), 404, "No REST endpoint");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        start(1 << 20);

        Reply postOverview = client.json("POST", "/overview", "{}");
        Reply deleteJob = client.send("DELETE", "/jobs/" + FakeClusterBackend.KNOWN_JOB, BodyPublishers.noBody(), null);

        assertError(postOverview, 405, "POST is not allowed on /overview");
        assertThat(postOverview.raw().headers().firstValue("Allow")).hasValue("GET");
        assertError(deleteJob, 405, "allowed: GET, PATCH");
        assertThat(deleteJob.raw().headers().firstValue("Allow")).hasValue("GET, PATCH");
    }

    @Test
    void unexpectedBackendFailureIs500WithItsMessage() throws Exception {
        start(1 << 20);
        backend.overviewFailure = new RuntimeException("the resource manager is gone");

        Reply reply = client.get("/overview");

        assertError(reply, 500, "the resource manager is gone");
        assertThat(reply.raw().body()).doesNotContain("\tat ");
    }

    @Test
    void uploadOverTheLimitIs413() throws Exception {
        start(4096);

        Reply reply = client.multipart("/jars/upload", List.of(new Part("jarfile", "big.jar", new byte[64 * 1024])));

        assertError(reply, 413, "rest.server.max-content-length");
        assertThat(client.get("/jars").body().get("files")).isEmpty();
    }

    @Test
    void declaredLengthOverTheLimitIsAnsweredBeforeTheBodyAndClosed() throws Exception {
        start(4096);

        String response = RestTestClient.rawExchangeUntilClosed(endpoint.getServerAddress(),
                "POST /jars/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                        + "Content-Length: 10000000000\r\n\r\n", WAIT_FOR_CLOSE);

        assertThat(response).startsWith("HTTP/1.1 413 ").containsIgnoringCase("Connection: close")
                .contains("{\"errors\":[\"The request body is larger than the limit of 4096 bytes");
    }

    @Test
    void chunkedBodyGrowingOverTheLimitIs413() throws Exception {
        start(4096);
        String chunk = "a".repeat(3000);

        String response = RestTestClient.rawExchangeUntilClosed(endpoint.getServerAddress(),
                "POST /jars/x/run HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "bb8\r\n" + chunk + "\r\nbb8\r\n" + chunk + "\r\n0\r\n\r\n", WAIT_FOR_CLOSE);

        assertThat(response).startsWith("HTTP/1.1 413 ").contains("{\"errors\":[");
    }

    @Test
    void silentClientIsDisconnectedAfterTheIdlenessTimeout() throws Exception {
        start(1 << 20);
        long started = System.nanoTime();

        String response = RestTestClient.rawExchangeUntilClosed(endpoint.getServerAddress(), "", WAIT_FOR_CLOSE);

        assertThat(response).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT_IDLENESS.minusMillis(50));
    }

    @Test
    void halfSentRequestHeadGets408AndIsClosed() throws Exception {
        start(1 << 20);

        String response = RestTestClient.rawExchangeUntilClosed(endpoint.getServerAddress(),
                "GET /overview HTTP/1.1\r\nHost: x\r\n", WAIT_FOR_CLOSE);

        assertThat(response).startsWith("HTTP/1.1 408 ").contains("{\"errors\":[").contains("idleness timeout");
    }

    @Test
    void halfSentRequestBodyGets408AndIsClosed() throws Exception {
        start(1 << 20);

        String response = RestTestClient.rawExchangeUntilClosed(endpoint.getServerAddress(),
                "POST /jars/x/run HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"entry", WAIT_FOR_CLOSE);

        assertThat(response).startsWith("HTTP/1.1 408 ").contains("{\"errors\":[");
    }

    @Test
    void malformedRequestLineIs400() throws Exception {
        start(1 << 20);

        String response = RestTestClient.rawExchangeUntilClosed(endpoint.getServerAddress(),
                "GET /overview HTTP/1.1\r\nHost: x\r\nContent-Length: twelve\r\n\r\n", WAIT_FOR_CLOSE);

        assertThat(response).startsWith("HTTP/1.1 400 ").contains("{\"errors\":[\"Malformed HTTP request");
    }

    @Test
    void keepAliveServesSequentialAndPipelinedRequestsInOrder() throws Exception {
        start(1 << 20);
        String overview = "GET /overview HTTP/1.1\r\nHost: x\r\n\r\n";
        String jobs = "GET /jobs HTTP/1.1\r\nHost: x\r\n\r\n";
        String lastJobs = "GET /jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

        try (Socket socket = new Socket()) {
            socket.connect(endpoint.getServerAddress(), 5000);
            socket.setSoTimeout((int) WAIT_FOR_CLOSE.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(overview.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String first = readOneResponse(in);
            assertThat(first).startsWith("HTTP/1.1 200 ").contains("\"slots-total\":4");

            out.write((jobs + overview + lastJobs).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String rest = RestTestClient.readUntilClosed(in);
            int firstJobs = rest.indexOf("{\"jobs\":");
            int secondOverview = rest.indexOf("\"slots-total\"");
            int lastJobsAnswer = rest.lastIndexOf("{\"jobs\":");
            assertThat(firstJobs).isNotNegative().isLessThan(secondOverview);
            assertThat(lastJobsAnswer).isGreaterThan(secondOverview);
        }
    }

    /** Reads one response whose body length is given by Content-Length. */
    private static String readOneResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("connection closed inside the response head").isNotNegative();
            head.append((char) b);
        }
        int length = Integer.parseInt(head.toString().replaceAll("(?s).*content-length: (\\d+).*", "$1"));
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void assertError(Reply reply, int status, String messageFragment) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(reply.body().get("errors")).hasSize(1);
        assertThat(reply.body().get("errors").get(0).asText()).contains(messageFragment);
    }
}
