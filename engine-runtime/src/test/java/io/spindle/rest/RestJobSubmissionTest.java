package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.rest.RestTestClient.Part;
import io.spindle.rest.RestTestClient.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code POST /jobs}: a real JobGraph and jars in a multipart request reach the backend intact. */
class RestJobSubmissionTest extends RestEndpointFixture {
    private static JobGraph graph() {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.fromSequence(1, 10).addSink(new DiscardingSink<>());
        return env.getJobGraph("x");
    }

    @Test
    void submitsJobGraphWithJars() throws Exception {
        JobGraph graph = graph();
        byte[] firstJar = RestJarRoutesTest.jar("a.Main");
        // Larger than Netty's in-memory threshold, so this part is spooled to disk and moved.
        byte[] secondJar = new byte[100_000];
        secondJar[99_999] = 42;

        Reply reply = client.multipart("/jobs", List.of(
                new Part("jobGraph", "job.graph", graph.toBytes()),
                new Part("jars", "user.jar", firstJar),
                new Part("jars", "user.jar", secondJar)));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().toString())
                .isEqualTo("{\"jobUrl\":\"/jobs/" + FakeClusterBackend.SUBMITTED_JOB.toHexString() + "\"}");
        JobGraph received = backend.submittedGraphs.get(0);
        assertThat(received.getJobId()).isEqualTo(graph.getJobId());
        assertThat(received.getName()).isEqualTo("x");
        assertThat(received.getVertices()).hasSameSizeAs(graph.getVertices());
        assertThat(backend.submittedJarContents.get(0)).containsExactly(firstJar, secondJar);
        try (Stream<Path> files = Files.list(uploadDir)) {
            assertThat(files).as("the accepted submission's jars are deleted once the backend has them").isEmpty();
        }
    }

    @Test
    void refusedSubmissionIsAnErrorAndLeavesNoJarsBehind() throws Exception {
        backend.submitFailure = new IllegalArgumentException("The job needs 8 slots but the cluster has 4");

        Reply reply = client.multipart("/jobs", List.of(
                new Part("jobGraph", "job.graph", graph().toBytes()),
                new Part("jars", "user.jar", new byte[50_000])));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).asText()).isEqualTo("The job needs 8 slots but the cluster has 4");
        try (Stream<Path> files = Files.list(uploadDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void malformedOrMissingJobGraphIs400() throws Exception {
        Reply malformed = client.multipart("/jobs", List.of(
                new Part("jobGraph", null, "definitely not protobuf".getBytes(StandardCharsets.UTF_8))));
        Reply missing = client.multipart("/jobs", List.of(new Part("jars", "user.jar", new byte[] {1, 2})));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("errors").get(0).asText()).contains("jobGraph");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").get(0).asText()).contains("'jobGraph' is missing");
        assertThat(backend.submittedGraphs).isEmpty();
    }
}
