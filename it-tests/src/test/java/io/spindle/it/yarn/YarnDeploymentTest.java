package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.api.JobExecutionResult;
import io.spindle.api.JobID;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.api.StreamEnvironment;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.examples.WordCount;
import io.spindle.graph.JobGraph;
import io.spindle.it.leaks.SandboxLeaks;
import io.spindle.sandbox.LocalHadoopSandbox;
import io.spindle.sandbox.SandboxLayout;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterFiles;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.HadoopConfigurations;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spindle on the embedded Hadoop sandbox (a real MiniYARNCluster and MiniDFSCluster, with the
 * Hadoop conf dir a real cluster would have), deployed the way a user deploys it:
 * Spindle's own jars and configuration shipped to the staging directory, the real
 * ApplicationMaster entry points, TaskManagers in YARN containers, WordCount reading and
 * writing HDFS. Checks the exact output, the final status and that the staging directory is gone.
 */
class YarnDeploymentTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final String EXAMPLES_JAR_NAME = "examples-0.1.0-SNAPSHOT.jar";

    @TempDir
    static Path work;

    private static LocalHadoopSandbox sandbox;
    private static YarnConfiguration yarnConfiguration;
    private static String hdfsUri;
    private static FileSystem fileSystem;
    private static ClusterFiles clusterFiles;
    private static Map<String, Integer> expectedCounts;

    @BeforeAll
    static void startHadoop() throws Exception {
        sandbox = LocalHadoopSandbox.start(new SandboxLayout(work.resolve("hadoop")), LocalHadoopSandbox.Resources.DEFAULT);
        // What a user's client reads: the sandbox's Hadoop conf dir.
        yarnConfiguration = HadoopConfigurations.load(sandbox.confDir());
        hdfsUri = sandbox.hdfsUri().toString();
        fileSystem = FileSystem.get(yarnConfiguration);

        Path spindleConf = Files.createDirectories(work.resolve("spindle-conf"));
        Files.writeString(spindleConf.resolve("spindle-conf.yaml"),
                "taskmanager.numberOfTaskSlots: 1\nheartbeat.interval: 500 ms\nheartbeat.timeout: 5 s\n"
                        + "resourcemanager.taskmanager-timeout: 2 s\n");
        List<Path> libJars = new ArrayList<>();
        libJars.add(REPO.resolve("engine-runtime/target/engine-runtime-0.1.0-SNAPSHOT.jar"));
        libJars.add(REPO.resolve("yarn-appmaster/target/yarn-appmaster-0.1.0-SNAPSHOT.jar"));
        try (Stream<Path> lib = Files.list(REPO.resolve("engine-runtime/target/lib"))) {
            lib.filter(jar -> jar.toString().endsWith(".jar")).forEach(libJars::add);
        }
        clusterFiles = new ClusterFiles(libJars, List.of(spindleConf.resolve("spindle-conf.yaml"),
                REPO.resolve("conf/log4j2-jobmanager.xml"), REPO.resolve("conf/log4j2-taskmanager.xml")),
                List.of(REPO.resolve("examples/target/" + EXAMPLES_JAR_NAME)));

        expectedCounts = new HashMap<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4_000; i++) {
            String word = "yarn" + (i * 17 % 83);
            expectedCounts.merge(word, 1, Integer::sum);
            text.append(word).append(i % 8 == 7 ? "\n" : " ");
        }
        try (OutputStream out = fileSystem.create(new org.apache.hadoop.fs.Path("/input/words.txt"))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stopHadoop() throws Exception {
        if (sandbox != null) {
            SandboxLeaks.closeChecked(sandbox, "YarnDeploymentTest");
        }
    }

    @Test
    void sessionRunsASubmittedJobAndStopsCleanly() throws Exception {
        try (YarnClusterDescriptor descriptor = descriptor()) {
            ClusterClientHandle session = descriptor.deploySession(new ClusterSpecification(768, 1024, 1));
            URI rest = URI.create(session.restUrl());
            RestClusterClient client = new RestClusterClient(rest.getHost(), rest.getPort(), Duration.ofSeconds(10));
            JobID jobId = client.submitJob(wordCountGraph("/out-session"), List.of(REPO.resolve("examples/target/" + EXAMPLES_JAR_NAME)));
            JobExecutionResult result = client.waitForResult(jobId);

            assertThat(result.getJobID()).isEqualTo(jobId);
            assertThat(readCounts("/out-session")).isEqualTo(expectedCounts);
            // Idle TaskManagers go back to YARN after resourcemanager.taskmanager-timeout.
            awaitTaskManagers(rest, 0);
            awaitRunningContainers(session, 1);
            YarnSandboxFixture.stopSession(session);
            assertStagingDirectoryGone(session);
        }
    }

    @Test
    void sessionKeepsItsMinimumOfSlotsWarmWhileIdle() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(ClusterOptions.MIN_SLOTS, 2);
        try (YarnClusterDescriptor descriptor = descriptor(configuration, List.of())) {
            ClusterClientHandle session = descriptor.deploySession(new ClusterSpecification(768, 1024, 1));
            URI rest = URI.create(session.restUrl());

            awaitTaskManagers(rest, 2);
            // Longer than the idle timeout of 2 s: the minimum is kept all the same.
            Thread.sleep(3_000);
            assertThat(taskManagers(rest)).isEqualTo(2);
            awaitRunningContainers(session, 3);

            YarnSandboxFixture.stopSession(session);
        }
    }

    @Test
    void perJobClusterRunsItsJobAndEndsWithIt() throws Exception {
        try (YarnClusterDescriptor descriptor = descriptor()) {
            JobGraph jobGraph = wordCountGraph("/out-per-job").withUserJars(List.of(EXAMPLES_JAR_NAME));
            ClusterClientHandle cluster = descriptor.deployPerJob(new ClusterSpecification(768, 1024, 1), jobGraph.toBytes());

            assertThat(cluster.waitForFinalStatus(Duration.ofSeconds(120))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
            assertThat(readCounts("/out-per-job")).isEqualTo(expectedCounts);
            assertStagingDirectoryGone(cluster);
        }
    }

    @Test
    void applicationModeRunsTheUsersMainOnTheCluster() throws Exception {
        try (YarnClusterDescriptor descriptor = descriptor(List.of())) {
            String input = hdfsUri + "/input";
            String output = hdfsUri + "/out-application";
            ClusterClientHandle cluster = descriptor.deployApplication(new ClusterSpecification(768, 1024, 1),
                    new org.apache.hadoop.fs.Path(REPO.resolve("examples/target/" + EXAMPLES_JAR_NAME).toUri()),
                    WordCount.class.getName(), List.of("--input", input, "--output", output, "--parallelism", "2"));

            assertThat(cluster.waitForFinalStatus(Duration.ofSeconds(120))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
            assertThat(readCounts("/out-application")).isEqualTo(expectedCounts);
            assertStagingDirectoryGone(cluster);
        }
    }

    private static YarnClusterDescriptor descriptor() {
        return descriptor(clusterFiles.userJars());
    }

    private static YarnClusterDescriptor descriptor(List<Path> userJars) {
        return descriptor(new Configuration(), userJars);
    }

    private static YarnClusterDescriptor descriptor(Configuration configuration, List<Path> userJars) {
        configuration.setString("yarn.application.name", "spindle-it");
        return new YarnClusterDescriptor(configuration, yarnConfiguration,
                new ClusterFiles(clusterFiles.libJars(), withHadoopConf(clusterFiles.confFiles()), userJars));
    }

    private static List<Path> withHadoopConf(List<Path> confFiles) {
        List<Path> all = new ArrayList<>(confFiles);
        all.add(sandbox.confDir().resolve("yarn-site.xml"));
        all.add(sandbox.confDir().resolve("core-site.xml"));
        return all;
    }

    /** Built here, but with user code only from the examples jar: that jar is all the cluster gets. */
    private static JobGraph wordCountGraph(String output) {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.setParallelism(2).setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.readTextFile(hdfsUri + "/input")
                .flatMap(new WordCount.Tokenizer())
                .keyBy(new WordCount.WordKey())
                .sum(1)
                .writeAsText(hdfsUri + output);
        return env.getJobGraph("WordCount on YARN");
    }

    private static Map<String, Integer> readCounts(String directory) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (FileStatus part : fileSystem.listStatus(new org.apache.hadoop.fs.Path(directory))) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(fileSystem.open(part.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String[] fields = line.substring(1, line.length() - 1).split(",");
                    counts.put(fields[0], Integer.parseInt(fields[1]));
                }
            }
        }
        return counts;
    }

    private static int taskManagers(URI rest) throws Exception {
        HttpResponse<String> overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(rest.resolve("/overview")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(overview.body()).path("taskmanagers").asInt();
    }

    private static void awaitTaskManagers(URI rest, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (taskManagers(rest) != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(taskManagers(rest)).as("TaskManagers registered at " + rest).isEqualTo(expected);
    }

    /** The AM's and the TaskManagers' containers YARN counts as running for the application. */
    private static void awaitRunningContainers(ClusterClientHandle cluster, int expected) throws Exception {
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(yarnConfiguration);
            yarn.start();
            ApplicationAttemptId attempt = cluster.report().getCurrentApplicationAttemptId();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (yarn.getContainers(attempt).size() != expected && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(yarn.getContainers(attempt)).as("running containers of " + attempt).hasSize(expected);
        }
    }

    private static void assertStagingDirectoryGone(ClusterClientHandle cluster) throws Exception {
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(),
                ".spindle" + File.separator + cluster.applicationId());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (fileSystem.exists(staging) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(fileSystem.exists(staging)).as("staging directory " + staging).isFalse();
    }
}
