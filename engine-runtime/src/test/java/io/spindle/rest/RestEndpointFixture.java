package io.spindle.rest;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A REST endpoint on a free loopback port over a {@link FakeClusterBackend}, new for every test. */
abstract class RestEndpointFixture {
    @TempDir
    Path uploadDir;

    final FakeClusterBackend backend = new FakeClusterBackend();
    RestServerEndpoint endpoint;
    RestTestClient client;

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = RestServerEndpoint.start(RestServerConfiguration.of("127.0.0.1", 0, uploadDir), backend);
        client = new RestTestClient(endpoint.getRestBaseUrl());
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }
}
