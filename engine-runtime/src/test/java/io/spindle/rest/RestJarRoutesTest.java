package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.rest.RestTestClient.Part;
import io.spindle.rest.RestTestClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The jar store: upload, list, run, plan and delete, with real jars, and the ways a jar or a run request can be wrong. */
class RestJarRoutesTest extends RestEndpointFixture {
    @Test
    void uploadListRunDelete() throws Exception {
        byte[] jar = jar("com.example.WordCount");

        Reply upload = client.multipart("/jars/upload", List.of(new Part("jarfile", "word-count.jar", jar)));
        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.body().get("status").asText()).isEqualTo("success");
        Path stored = Path.of(upload.body().get("filename").asText());
        assertThat(stored.getParent()).isEqualTo(uploadDir);
        assertThat(Files.readAllBytes(stored)).isEqualTo(jar);
        String jarId = stored.getFileName().toString();
        assertThat(jarId).matches("[0-9a-f-]{36}_word-count\\.jar");

        Reply list = client.get("/jars");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("address").asText()).isEqualTo(endpoint.getRestBaseUrl());
        assertThat(list.body().get("files")).hasSize(1);
        assertThat(list.body().get("files").get(0).get("id").asText()).isEqualTo(jarId);
        assertThat(list.body().get("files").get(0).get("name").asText()).isEqualTo("word-count.jar");
        assertThat(list.body().get("files").get(0).get("uploaded").asLong())
                .isEqualTo(Files.getLastModifiedTime(stored).toMillis());

        Reply run = client.json("POST", "/jars/" + jarId + "/run",
                "{\"programArgsList\":[\"--input\",\"a.txt\"],\"parallelism\":3}");
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().toString())
                .isEqualTo("{\"jobid\":\"" + FakeClusterBackend.SUBMITTED_JOB.toHexString() + "\"}");
        assertThat(backend.jarRuns).hasSize(1);
        assertThat(backend.jarRuns.get(0)).containsExactly(stored, "com.example.WordCount",
                List.of("--input", "a.txt"), 3, null, Map.of());

        Reply delete = client.send("DELETE", "/jars/" + jarId, java.net.http.HttpRequest.BodyPublishers.noBody(), null);
        assertThat(delete.status()).isEqualTo(200);
        assertThat(delete.body().toString()).isEqualTo("{}");
        assertThat(stored).doesNotExist();
        assertThat(client.get("/jars").body().get("files")).isEmpty();
        assertThat(client.send("DELETE", "/jars/" + jarId, java.net.http.HttpRequest.BodyPublishers.noBody(), null)
                .status()).isEqualTo(404);
    }

    @Test
    void runWithoutBodyUsesManifestAndExplicitEntryClassWins() throws Exception {
        String jarId = upload("job.jar", jar("com.example.Main"));

        assertThat(client.json("POST", "/jars/" + jarId + "/run", "").status()).isEqualTo(200);
        assertThat(client.json("POST", "/jars/" + jarId + "/run", "{\"entryClass\":\"com.example.Other\"}").status())
                .isEqualTo(200);

        assertThat(backend.jarRuns.get(0)).containsExactly(uploadDir.resolve(jarId), "com.example.Main", List.of(), null, null,
                Map.of());
        assertThat(backend.jarRuns.get(1)[1]).isEqualTo("com.example.Other");
    }

    @Test
    void jarWithoutMainClassAndNoEntryClassIs400() throws Exception {
        String jarId = upload("no-main.jar", jar(null));

        Reply run = client.json("POST", "/jars/" + jarId + "/run", "{}");

        assertThat(run.status()).isEqualTo(400);
        assertThat(run.body().get("errors").get(0).asText()).contains("no Main-Class").contains("entryClass");
        assertThat(backend.jarRuns).isEmpty();
    }

    @Test
    void corruptJarIs400OnRun() throws Exception {
        String jarId = upload("broken.jar", "this is not a zip file".getBytes(StandardCharsets.UTF_8));

        Reply run = client.json("POST", "/jars/" + jarId + "/run", "{\"entryClass\":\"a.B\"}");

        assertThat(run.status()).isEqualTo(400);
        assertThat(run.body().get("errors").get(0).asText()).contains("not a valid jar");
        assertThat(backend.jarRuns).isEmpty();
    }

    @Test
    void malformedRunBodiesAre400() throws Exception {
        String jarId = upload("job.jar", jar("com.example.Main"));

        Reply notJson = client.json("POST", "/jars/" + jarId + "/run", "{\"entryClass\": ");
        Reply wrongType = client.json("POST", "/jars/" + jarId + "/run", "{\"parallelism\": \"two\"}");
        Reply notObject = client.json("POST", "/jars/" + jarId + "/run", "[1,2]");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("errors").get(0).asText()).contains("not valid JSON");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("errors").get(0).asText()).contains("parallelism");
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(backend.jarRuns).isEmpty();
    }

    @Test
    void runReadsFlinksProgramArgsStringJobIdAndQueryParameters() throws Exception {
        String jarId = upload("job.jar", jar("com.example.Main"));
        String jobId = "00112233445566778899aabbccddeeff";

        Reply run = client.json("POST", "/jars/" + jarId + "/run", "{\"programArgs\":\"--input 'my file.txt' --n \\\"2 3\\\"\","
                + "\"jobId\":\"" + jobId + "\"}");
        Reply byQuery = client.json("POST", "/v1/jars/" + jarId
                + "/run?entry-class=com.example.Other&parallelism=4&program-args=--x%201", "");
        Reply byProgramArg = client.json("POST", "/jars/" + jarId + "/run?programArg=--a,b", "{\"parallelism\":2}");
        Reply bodyWins = client.json("POST", "/jars/" + jarId + "/run?entry-class=com.example.Other&parallelism=4",
                "{\"entryClass\":\"com.example.Main\",\"parallelism\":1}");

        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().toString()).isEqualTo("{\"jobid\":\"" + jobId + "\"}");
        assertThat(backend.jarRuns.get(0)).containsExactly(uploadDir.resolve(jarId), "com.example.Main",
                List.of("--input", "my file.txt", "--n", "2 3"), null, io.spindle.api.JobID.fromHexString(jobId), Map.of());
        assertThat(byQuery.status()).isEqualTo(200);
        assertThat(backend.jarRuns.get(1)).containsExactly(uploadDir.resolve(jarId), "com.example.Other",
                List.of("--x", "1"), 4, null, Map.of());
        assertThat(backend.jarRuns.get(2)).containsExactly(uploadDir.resolve(jarId), "com.example.Main",
                List.of("--a", "b"), 2, null, Map.of());
        assertThat(bodyWins.status()).isEqualTo(200);
        assertThat(backend.jarRuns.get(3)).containsExactly(uploadDir.resolve(jarId), "com.example.Main", List.of(), 1,
                null, Map.of());
    }

    @Test
    void runRefusesConfusingArgumentsBadJobIdsAndBadSavepointSettings() throws Exception {
        String jarId = upload("job.jar", jar("com.example.Main"));

        assertError(client.json("POST", "/jars/" + jarId + "/run",
                "{\"programArgs\":\"--a\",\"programArgsList\":[\"--b\"]}"), "not both");
        assertError(client.json("POST", "/jars/" + jarId + "/run", "{\"programArgs\":\"--a 'open\"}"), "unclosed");
        assertError(client.json("POST", "/jars/" + jarId + "/run", "{\"jobId\":\"xyz\"}"), "\"jobId\"");
        assertError(client.json("POST", "/jars/" + jarId + "/run?parallelism=zero", ""), "'parallelism'");
        assertError(client.json("POST", "/jars/" + jarId + "/run", "{\"allowNonRestoredState\":true}"),
                "go with \"savepointPath\"");
        assertError(client.json("POST", "/jars/" + jarId + "/run", "{\"savepointPath\":\"/sp\",\"claimMode\":\"mine\"}"),
                "\"claimMode\" must be CLAIM or NO_CLAIM");
        assertThat(backend.jarRuns).isEmpty();
    }

    @Test
    void runStartsFromTheSavepointItNamesAsFlinksFieldsSay() throws Exception {
        String jarId = upload("job.jar", jar("com.example.Main"));

        assertThat(client.json("POST", "/jars/" + jarId + "/run",
                "{\"savepointPath\":\"hdfs:///sp/savepoint-1\",\"allowNonRestoredState\":true,\"claimMode\":\"claim\"}")
                .status()).isEqualTo(200);
        assertThat(client.json("POST", "/jars/" + jarId + "/run?savepointPath=/sp/savepoint-2", "").status()).isEqualTo(200);

        assertThat(backend.jarRuns.get(0)[5]).isEqualTo(Map.of("execution.state-recovery.path", "hdfs:///sp/savepoint-1",
                "execution.state-recovery.ignore-unclaimed-state", "true", "execution.state-recovery.claim-mode", "CLAIM"));
        assertThat(backend.jarRuns.get(1)[5]).isEqualTo(Map.of("execution.state-recovery.path", "/sp/savepoint-2"));
    }

    @Test
    void planOfAJarIsFlinksJobPlanInfo() throws Exception {
        String jarId = upload("job.jar", jar("com.example.Main"));

        Reply plan = client.json("POST", "/jars/" + jarId + "/plan", "{\"programArgsList\":[\"--x\"],\"parallelism\":3}");

        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body().toString()).isEqualTo("{\"plan\":" + FakeClusterBackend.PLAN + "}");
        assertThat(backend.jarRuns.get(0)).containsExactly(uploadDir.resolve(jarId), "com.example.Main",
                List.of("--x"), 3, null);
        assertThat(client.json("POST", "/jars/nope.jar/plan", "").status()).isEqualTo(404);
    }

    private static void assertError(Reply reply, String messagePart) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).asText()).contains(messagePart);
    }

    @Test
    void unknownJarIs404() throws Exception {
        Reply run = client.json("POST", "/jars/00000000-0000-0000-0000-000000000000_x.jar/run", "{}");
        Reply traversal = client.json("POST", "/jars/..%2F..%2Fetc%2Fpasswd/run", "{}");

        assertThat(run.status()).isEqualTo(404);
        assertThat(run.body().get("errors").get(0).asText()).contains("GET /jars");
        assertThat(traversal.status()).isEqualTo(404);
    }

    @Test
    void uploadThatIsNotAJarFileNameOrLacksThePartIs400() throws Exception {
        Reply wrongName = client.multipart("/jars/upload", List.of(new Part("jarfile", "notes.txt", new byte[] {1})));
        Reply noPart = client.multipart("/jars/upload", List.of(new Part("other", "job.jar", new byte[] {1})));
        Reply notMultipart = client.json("POST", "/jars/upload", "{}");

        assertThat(wrongName.status()).isEqualTo(400);
        assertThat(wrongName.body().get("errors").get(0).asText()).contains(".jar");
        assertThat(noPart.status()).isEqualTo(400);
        assertThat(noPart.body().get("errors").get(0).asText()).contains("jarfile");
        assertThat(notMultipart.status()).isEqualTo(400);
        assertThat(notMultipart.body().get("errors").get(0).asText()).contains("multipart/form-data");
        try (var files = Files.list(uploadDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void backendRefusalIsAnErrorWithItsMessage() throws Exception {
        String jarId = upload("job.jar", jar("com.example.Main"));

        Reply run = client.json("POST", "/jars/" + jarId + "/run", "{\"entryClass\":\"refused.Job\"}");

        assertThat(run.status()).isEqualTo(409);
        assertThat(run.body().get("errors").get(0).asText()).isEqualTo("The cluster has no free slots");
    }

    private String upload(String name, byte[] content) throws Exception {
        Reply upload = client.multipart("/jars/upload", List.of(new Part("jarfile", name, content)));
        assertThat(upload.status()).isEqualTo(200);
        return Path.of(upload.body().get("filename").asText()).getFileName().toString();
    }

    /** A small real jar with one class-like entry and, unless null, a Main-Class. */
    static byte[] jar(String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("com/example/readme.txt"));
            out.write("a jar for the REST tests".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
