package io.spindle.it.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.it.ExactlyOnceOutput;
import io.spindle.it.ScriptedCluster;
import io.spindle.it.ScriptedCluster.Check;
import io.spindle.it.ScriptedCluster.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster of real processes started with the scripts (one JobManager, two
 * TaskManagers), used through the {@code spindle} CLI and the REST API as a user would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterProcessTest {
    private static final Path REPO = ScriptedCluster.REPO;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;

    private static ScriptedCluster cluster;
    private static int restPort;
    private static String rest;
    private static ServerSocket lines;
    private static final List<Socket> lineClients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ScriptedCluster.configure(work, 2,
                "rest.server.max-content-length: 1048576",
                "rest.idleness-timeout: 2 s",
                "taskmanager.numberOfTaskSlots: 2",
                "heartbeat.interval: 500 ms",
                "heartbeat.timeout: 3 s",
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 5",
                "restart-strategy.fixed-delay.delay: 500 ms",
                // Not a Spindle option: every process warns about it at start.
                "metrics.reporter.prom.factory.class: org.example.PrometheusReporterFactory").start();
        restPort = cluster.restPort();
        rest = "http://127.0.0.1:" + restPort;
        awaitTrue("2 TaskManagers registered", Duration.ofSeconds(60),
                () -> get("/overview").path("taskmanagers").asInt() == 2);

        lines = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(StandaloneClusterProcessTest::serveLines, "line-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
        if (lines != null) {
            lines.close();
        }
    }

    @Test
    @Order(1)
    void wordCountThroughTheCliGivesTheExactCounts() throws Exception {
        Path input = work.resolve("input.txt");
        StringBuilder text = new StringBuilder();
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            String word = "w" + (i * 31 % 97);
            text.append(word).append(i % 10 == 9 ? "\n" : " ");
            expected.merge(word, 1, Integer::sum);
        }
        Files.writeString(input, text.toString());
        Path output = work.resolve("counts");

        Result run = cli("run", "-m", "127.0.0.1:" + restPort, "-p", "2", "-D", "execution.checkpointing.intervall=1 s",
                "-c", "io.spindle.examples.WordCount", examplesJar(), "--input", input.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Warning: Configuration key 'execution.checkpointing.intervall' (-D) is not a"
                + " Spindle option and is ignored; did you mean 'execution.checkpointing.interval'?");
        assertThat(run.output()).contains("has finished").contains("Job Runtime");
        Map<String, Integer> actual = new HashMap<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.toList()) {
                for (String line : Files.readAllLines(part)) {
                    String[] fields = line.substring(1, line.length() - 1).split(",");
                    actual.put(fields[0], Integer.parseInt(fields[1]));
                }
            }
        }
        assertThat(actual).isEqualTo(expected);
        Result list = cli("list", "-a", "-m", "127.0.0.1:" + restPort);
        assertThat(list.exitCode()).isZero();
        assertThat(list.output()).contains("WordCount").contains("FINISHED");
    }

    /** The JobManager and TaskManagers warned at start, and the JobManager again when the job brought a new key. */
    @Test
    @Order(2)
    void clusterProcessesWarnAboutKeysNoOptionReads() throws Exception {
        String fileWarning = "Configuration key 'metrics.reporter.prom.factory.class' ("
                + work.resolve("conf/spindle-conf.yaml") + ") is not a Spindle option and is ignored.";
        assertThat(logLinesContaining("jobmanager", fileWarning)).hasSize(1);
        assertThat(logLinesContaining("taskmanager", fileWarning)).hasSize(2);
        assertThat(logLinesContaining("jobmanager", "Configuration key 'execution.checkpointing.intervall' (configuration"
                + " of job 'WordCount'")).singleElement().asString().endsWith(" is not a Spindle option and is ignored;"
                + " did you mean 'execution.checkpointing.interval'?");
    }

    private static List<String> logLinesContaining(String role, String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(work.resolve("log"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains("-" + role + "-")
                    && f.getFileName().toString().endsWith(".log")).toList()) {
                Files.readAllLines(file).stream().filter(line -> line.contains(text)).forEach(found::add);
            }
        }
        return found;
    }

    @Test
    @Order(3)
    void aTaskManagerKilledDuringACheckpointedJobLosesNoRecordAndDuplicatesNone() throws Exception {
        Path output = work.resolve("exactly-once");
        long records = 40_000;
        String jobId = runExactlyOnceCountsDetached(records, 2000, output, work.resolve("checkpoints"));

        String taskManager = get("/jobs/" + jobId).path("vertices").get(0).path("subtasks").get(0).path("taskmanager-id").asText();
        long pid = Long.parseLong(taskManager.substring(taskManager.lastIndexOf('-') + 1));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        awaitTrue("job finished", Duration.ofSeconds(90), () -> "FINISHED".equals(get("/jobs/" + jobId).path("state").asText()));
        assertThat(get("/jobs/" + jobId + "/checkpoints").path("counts").path("restored").asInt()).isGreaterThanOrEqualTo(1);
        ExactlyOnceOutput.assertExactFiles(output, records);
        Result status = cli("status", jobId, "-m", "127.0.0.1:" + restPort);
        assertThat(status.output()).as(status.output()).contains("is FINISHED").containsPattern("Last checkpoint: \\d+ at ");
        // Back to two TaskManagers for the tests that follow.
        assertThat(script("taskmanager.sh", "start").exitCode()).isZero();
        awaitTrue("2 TaskManagers registered", Duration.ofSeconds(60),
                () -> get("/overview").path("taskmanagers").asInt() == 2);
    }

    /**
     * spindle savepoint, cancel, then run -s at another parallelism: the first run's output up to
     * the savepoint and the resumed run's output hold every record once, and --dispose deletes
     * the savepoint.
     */
    @Test
    @Order(9)
    void aSavepointTakenThroughTheCliResumesTheJobAtAnotherParallelismWithNothingLostOrDuplicated() throws Exception {
        long records = 40_000;
        Path beforeSavepoint = work.resolve("before-savepoint");
        Path afterSavepoint = work.resolve("after-savepoint");
        Path checkpointDirectory = work.resolve("savepoint-checkpoints");
        String checkpoints = "execution.checkpointing.dir=" + checkpointDirectory.toUri();
        String jobId = runExactlyOnceCountsDetached(records, 1000, beforeSavepoint, checkpointDirectory);

        Result savepoint = cli("savepoint", jobId, work.resolve("savepoints").toUri().toString(), "-m", "127.0.0.1:" + restPort);
        assertThat(savepoint.exitCode()).as(savepoint.output()).isZero();
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("Path: (\\S+)").matcher(savepoint.output());
        assertThat(path.find()).as(savepoint.output()).isTrue();
        String savepointPath = path.group(1);
        Result cancel = cli("cancel", jobId, "-m", "127.0.0.1:" + restPort);
        assertThat(cancel.exitCode()).as(cancel.output()).isZero();
        awaitTrue("job cancelled", Duration.ofSeconds(30), () -> "CANCELED".equals(get("/jobs/" + jobId).path("state").asText()));

        Result resumed = cli("run", "-m", "127.0.0.1:" + restPort, "-p", "1", "-s", savepointPath,
                "-D", "execution.checkpointing.interval=200 ms", "-D", checkpoints,
                "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar(),
                "--records", String.valueOf(records), "--output", afterSavepoint.toUri().toString());
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();

        List<String> after = committedLines(afterSavepoint);
        Map<String, Long> firstCountAfter = new HashMap<>();
        for (String line : after) {
            String[] fields = line.split(",");
            firstCountAfter.merge(fields[0], Long.parseLong(fields[2]), Math::min);
        }
        List<String> lines = new ArrayList<>(after);
        for (String line : committedLines(beforeSavepoint)) {
            String[] fields = line.split(",");
            if (Long.parseLong(fields[2]) < firstCountAfter.getOrDefault(fields[0], Long.MAX_VALUE)) {
                lines.add(line);
            }
        }
        assertThat(firstCountAfter.values()).as("the resumed run continued the counts").allMatch(count -> count > 1);
        ExactlyOnceOutput.assertExact(lines, records);

        Result dispose = cli("savepoint", "--dispose", savepointPath, "-m", "127.0.0.1:" + restPort);
        assertThat(dispose.exitCode()).as(dispose.output()).isZero();
        assertThat(Path.of(URI.create(savepointPath.replace("file:/", "file:///")))).doesNotExist();
        Result missing = cli("savepoint", "--dispose", savepointPath, "-m", "127.0.0.1:" + restPort);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("No checkpoint or savepoint at");
    }

    /**
     * spindle stop: the job ends FINISHED with a savepoint holding all it committed, so the first
     * run's committed files and those of the run resumed from the savepoint hold every record
     * exactly once, with no file left hidden. Bad arguments fail with a message.
     */
    @Test
    @Order(10)
    void aJobStoppedThroughTheCliResumesWhereItStoppedWithNothingLostOrDuplicated() throws Exception {
        long records = 30_000;
        Path output = work.resolve("stopped-output");
        Path checkpointDirectory = work.resolve("stop-checkpoints");
        String jobId = runExactlyOnceCountsDetached(records, 1000, output, checkpointDirectory);

        Result stop = cli("stop", "-p", work.resolve("stop-savepoints").toUri().toString(), jobId,
                "-m", "127.0.0.1:" + restPort);
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("Suspending job \"" + jobId + "\" with a savepoint.");
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("Savepoint completed. Path: (\\S+)")
                .matcher(stop.output());
        assertThat(path.find()).as(stop.output()).isTrue();
        assertThat(get("/jobs/" + jobId).path("state").asText()).isEqualTo("FINISHED");
        assertThat(committedLines(output)).as("stopped before the end").hasSizeLessThan((int) records);

        Result resumed = cli("run", "-m", "127.0.0.1:" + restPort, "-p", "1", "-s", path.group(1),
                "-D", "execution.checkpointing.interval=200 ms",
                "-D", "execution.checkpointing.dir=" + checkpointDirectory.toUri(),
                "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar(),
                "--records", String.valueOf(records), "--output", output.toUri().toString());
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        ExactlyOnceOutput.assertExactFiles(output, records);

        Result noJob = cli("stop", "-m", "127.0.0.1:" + restPort);
        assertThat(noJob.exitCode()).isNotZero();
        assertThat(noJob.output()).contains("spindle stop [options] <jobId>");
        Result ended = cli("stop", jobId, "-m", "127.0.0.1:" + restPort);
        assertThat(ended.exitCode()).isNotZero();
        assertThat(ended.output()).contains("is FINISHED");
    }

    private static List<String> committedLines(Path output) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().startsWith(".")) {
                    lines.addAll(Files.readAllLines(file));
                }
            }
        }
        return lines;
    }

    /**
     * Submits the ExactlyOnceCounts example detached at parallelism 2, checkpointing every 200 ms
     * into {@code checkpoints}, and waits for two completed checkpoints; returns the job id.
     */
    private static String runExactlyOnceCountsDetached(long records, int rate, Path output, Path checkpoints)
            throws Exception {
        Result run = cli("run", "-d", "-m", "127.0.0.1:" + restPort, "-p", "2",
                "-D", "execution.checkpointing.interval=200 ms", "-D", "execution.checkpointing.dir=" + checkpoints.toUri(),
                "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar(),
                "--records", String.valueOf(records), "--rate", String.valueOf(rate), "--output", output.toUri().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("[0-9a-f]{32}").matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        String jobId = id.group();
        awaitTrue("a checkpoint completed", Duration.ofSeconds(30),
                () -> get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() >= 2);
        return jobId;
    }

    @Test
    @Order(4)
    void aKilledTaskManagerIsDetectedAndTheJobRunsAgainThenCancelsThroughTheCli() throws Exception {
        String jobId = submitDetachedStream("stream-a");
        awaitTrue("job running", Duration.ofSeconds(30), () -> "RUNNING".equals(get("/jobs/" + jobId).path("state").asText()));
        Result info = cli("status", "--details", jobId, "-m", "127.0.0.1:" + restPort);
        assertThat(info.exitCode()).isZero();
        assertThat(info.output()).contains(jobId).contains("RUNNING");

        // A job is RUNNING before all of its subtasks are deployed: wait until the first has a TaskManager.
        awaitTrue("first subtask deployed", Duration.ofSeconds(30),
                () -> subtasks(jobId).get(0).path("taskmanager-id").asText().matches(".*-\\d+"));
        String taskManager = subtasks(jobId).get(0).path("taskmanager-id").asText();
        long pid = Long.parseLong(taskManager.substring(taskManager.lastIndexOf('-') + 1));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        awaitTrue("job restarted elsewhere", Duration.ofSeconds(30), () -> {
            JsonNode subtask = subtasks(jobId).get(0);
            return subtask.path("attempt").asInt() >= 1 && "RUNNING".equals(subtask.path("status").asText())
                    && !taskManager.equals(subtask.path("taskmanager-id").asText());
        });
        assertThat(get("/overview").path("taskmanagers").asInt()).isEqualTo(1);
        assertThat(get("/jobs/" + jobId + "/exceptions").path("root-exception").asText()).contains(taskManager);

        Result cancel = cli("cancel", jobId, "-m", "127.0.0.1:" + restPort);
        assertThat(cancel.exitCode()).as(cancel.output()).isZero();
        awaitTrue("job cancelled", Duration.ofSeconds(20), () -> "CANCELED".equals(get("/jobs/" + jobId).path("state").asText()));
    }

    @Test
    @Order(5)
    void restListsAndCancelsAJob() throws Exception {
        String jobId = submitDetachedStream("stream-b");
        awaitTrue("job running", Duration.ofSeconds(30), () -> "RUNNING".equals(get("/jobs/" + jobId).path("state").asText()));
        JsonNode jobs = get("/jobs");
        assertThat(jobs.path("jobs").findValuesAsText("id")).contains(jobId);
        JsonNode overview = get("/jobs/overview");
        assertThat(overview.path("jobs").findValuesAsText("name")).contains("Streaming WordCount");

        HttpResponse<String> cancel = HTTP.send(HttpRequest.newBuilder(URI.create(rest + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).isEqualTo(202);
        awaitTrue("job cancelled", Duration.ofSeconds(20), () -> "CANCELED".equals(get("/jobs/" + jobId).path("state").asText()));
    }

    @Test
    @Order(6)
    void restRejectsBadInputWithJsonErrors() throws Exception {
        assertError(request("GET", "/jobs/not-a-job-id", null), 400);
        assertError(request("GET", "/jobs/0123456789abcdef0123456789abcdef", null), 404);
        assertError(request("GET", "/no/such/route", null), 404);
        assertError(request("DELETE", "/jobs/overview", null), 405);
        assertError(request("POST", "/jars/nope.jar/run", "{not json"), 400);
        HttpResponse<String> oversized = HTTP.send(HttpRequest.newBuilder(URI.create(rest + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 << 20])).build(), HttpResponse.BodyHandlers.ofString());
        assertError(oversized, 413);

        try (Socket silent = new Socket("127.0.0.1", restPort)) {
            silent.setSoTimeout(10_000);
            long start = System.nanoTime();
            int read = silent.getInputStream().read();
            assertThat(read).as("the server closes a connection that sends nothing").isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        }
    }

    @Test
    @Order(7)
    void taskManagersRejoinARestartedJobManager() throws Exception {
        int taskManagersBefore = get("/overview").path("taskmanagers").asInt();
        assertThat(taskManagersBefore).isPositive();
        long jobManagerPid = Long.parseLong(Files.readAllLines(work.resolve("pids/spindle-" + System.getProperty("user.name")
                + "-jobmanager.pid")).get(0).trim());
        ProcessHandle.of(jobManagerPid).orElseThrow().destroyForcibly();
        awaitTrue("JobManager gone", Duration.ofSeconds(10), () -> !ProcessHandle.of(jobManagerPid).map(ProcessHandle::isAlive).orElse(false));

        assertThat(script("jobmanager.sh", "start").exitCode()).isZero();

        awaitTrue("TaskManagers registered again", Duration.ofSeconds(60),
                () -> get("/overview").path("taskmanagers").asInt() == taskManagersBefore);
    }

    @Test
    @Order(8)
    void anInvalidConfigurationValueStopsAProcessAtStartWithTheKeyAndWhatIsAllowed() throws Exception {
        Result start = script("taskmanager.sh", "start", "-D", "taskmanager.numberOfTaskSlots=many", "-D", "heartbeat.timeout=-3");
        assertThat(start.exitCode()).isNotZero();
        assertThat(start.output()).contains("taskmanager.numberOfTaskSlots").contains("'many'").contains("an integer")
                .contains("heartbeat.timeout");
    }

    @Test
    @Order(9)
    void theLocalTargetRunsAJarWhoseClassesAreInTheJarOnly() throws Exception {
        Path input = work.resolve("local-input.txt");
        Files.writeString(input, "to be or not to be\nthat is the question\n");
        Path counts = work.resolve("local-counts");

        Result wordCount = cli("run", "-t", "local", "-c", "io.spindle.examples.WordCount", examplesJar(),
                "--input", input.toString(), "--output", counts.toString());

        assertThat(wordCount.exitCode()).as(wordCount.output()).isZero();
        Map<String, Integer> actual = new HashMap<>();
        try (Stream<Path> parts = Files.walk(counts)) {
            for (Path part : parts.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(part)) {
                    String[] fields = line.substring(1, line.length() - 1).split(",");
                    actual.put(fields[0], Integer.parseInt(fields[1]));
                }
            }
        }
        assertThat(actual).isEqualTo(Map.of("to", 2, "be", 2, "or", 1, "not", 1, "that", 1, "is", 1, "the", 1,
                "question", 1));

        Path output = work.resolve("local-exactly-once");
        Result checkpointed = cli("run", "-t", "local", "-p", "2",
                "-D", "execution.checkpointing.interval=100 ms",
                "-D", "execution.checkpointing.dir=" + work.resolve("local-checkpoints").toUri(),
                "-c", "io.spindle.examples.ExactlyOnceCounts", examplesJar(),
                "--records", "5000", "--output", output.toUri().toString());
        assertThat(checkpointed.exitCode()).as(checkpointed.output()).isZero();
        ExactlyOnceOutput.assertExactFiles(output, 5_000);
    }

    private static void assertError(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("errors").isArray()).as(response.body()).isTrue();
        assertThat(body.path("errors").get(0).asText()).isNotBlank().doesNotContain("\tat ");
    }

    private static String submitDetachedStream(String name) throws Exception {
        Result run = cli("run", "-d", "-m", "127.0.0.1:" + restPort, "-c", "io.spindle.examples.StreamingWordCount",
                examplesJar(), "--hostname", "127.0.0.1", "--port", String.valueOf(lines.getLocalPort()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("[0-9a-f]{32}").matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        return id.group();
    }

    /** Accepts connections of the socket sources and keeps writing timestamped lines to all of them. */
    private static void serveLines() {
        Thread writer = new Thread(() -> {
            long i = 0;
            while (!lines.isClosed()) {
                for (Socket client : lineClients) {
                    try {
                        OutputStream out = client.getOutputStream();
                        out.write((System.currentTimeMillis() + " spindle stream " + i + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException gone) {
                        lineClients.remove(client);
                    }
                }
                i++;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "line-writer");
        writer.setDaemon(true);
        writer.start();
        while (!lines.isClosed()) {
            try {
                lineClients.add(lines.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static List<JsonNode> subtasks(String jobId) throws Exception {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (vertex.path("name").asText().contains("Socket")) {
                vertex.path("subtasks").forEach(result::add);
            }
        }
        return result;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = request("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> request(String method, String path, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(rest + path)).timeout(Duration.ofSeconds(10));
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(String what, Duration timeout, Check check) throws Exception {
        cluster.awaitTrue(what, timeout, check);
    }

    private static Result script(String name, String... args) throws Exception {
        return cluster.script(name, args);
    }

    private static Result cli(String... args) throws Exception {
        return cluster.cli(args);
    }

    private static String examplesJar() {
        return REPO.resolve("examples/target/examples-0.1.0-SNAPSHOT.jar").toString();
    }
}
