package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.deployment.InlineFiles;
import io.spindle.deployment.ProgramArguments;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.graph.JobGraph;
import io.spindle.runtime.filecache.FileCache;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.impl.YarnClientImpl;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Deploys through {@link YarnClusterDescriptor} onto a MiniYARNCluster backed by a MiniDFSCluster. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class YarnClusterDescriptorTest {
    private static final ClusterSpecification SMALL = new ClusterSpecification(512, 512, 1);
    private static final String SPECIAL_VALUE = "a \"quoted\" $HOME `date` back\\slash";

    @TempDir
    static Path workDirectory;
    private static YarnTestCluster cluster;
    private static YarnClient observer;
    private static Path applicationMasterJar;
    private static ClusterFiles clusterFiles;

    private final List<YarnApplicationState> states = new CopyOnWriteArrayList<>();
    private Path finishMarker;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = new YarnTestCluster(workDirectory);
        observer = YarnClientFactory.DEFAULT.create(cluster.configuration());
        applicationMasterJar = YarnTestCluster.buildApplicationMasterJar(workDirectory.resolve("test-am.jar"));
        Path conf = Files.createDirectories(workDirectory.resolve("conf"));
        Path spindleConf = Files.writeString(conf.resolve(YarnDeploymentConstants.CONFIGURATION_FILE), "parallelism.default: 1\n");
        Path logConf = Files.writeString(conf.resolve(YarnDeploymentConstants.JOB_MANAGER_LOG_CONFIG), "<Configuration/>\n");
        clusterFiles = new ClusterFiles(List.of(applicationMasterJar), List.of(spindleConf, logConf), List.of());
    }

    @AfterAll
    static void stopCluster() {
        if (observer != null) {
            observer.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void newMarker() throws IOException {
        finishMarker = Files.createTempFile(workDirectory, "finish", ".marker");
        Files.delete(finishMarker);
    }

    @Test
    void sessionRunsWithItsFilesAndSettingsUntilTheApplicationMasterFinishes() throws Exception {
        Configuration configuration = configuration("session-test")
                .set(YarnConfigOptions.APPLICATION_TAGS, "spindle-test, nightly")
                .setString("test.special", SPECIAL_VALUE);
        try (YarnClusterDescriptor descriptor = descriptor(configuration, YarnClientFactory.DEFAULT)) {
            ClusterClientHandle handle = descriptor.deploySession(SMALL);

            ApplicationReport report = handle.report();
            assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.RUNNING);
            assertThat(report.getName()).isEqualTo("session-test");
            assertThat(report.getApplicationType()).isEqualTo("Spindle");
            assertThat(report.getQueue()).isIn("default", "root.default");
            assertThat(report.getApplicationTags()).containsExactlyInAnyOrder("spindle-test", "nightly");
            assertThat(states).contains(YarnApplicationState.ACCEPTED).endsWith(YarnApplicationState.RUNNING);
            assertThat(handle.restUrl()).startsWith("http://");
            assertThat(handle.finalStatus()).isEqualTo(FinalApplicationStatus.UNDEFINED);

            org.apache.hadoop.fs.Path staging = stagingDirectory(handle.applicationId());
            FileStatus stagingStatus = fileSystem().getFileStatus(staging);
            assertThat(stagingStatus.getPermission()).isEqualTo(new FsPermission((short) 0700));
            // The configuration travels in the container's environment, not as a file to localize.
            assertThat(namesIn(staging)).containsExactly("test-am.jar");

            Properties environment = environmentOf(handle);
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_STAGING_DIR)).isEqualTo(staging.toString());
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_CLASSPATH)).isEqualTo("test-am.jar:.");
            // Uploaded per application, the jars cannot back a node's class-data archive.
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_CLASS_DATA_KEY)).isNull();
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_SHIPPED_FILES).split(";"))
                    .singleElement().satisfies(entry -> assertThat(entry)
                            .startsWith("test-am.jar|" + staging + "/test-am.jar|" + Files.size(applicationMasterJar) + '|')
                            .endsWith("|APPLICATION"));
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_DYNAMIC_PROPERTIES).split("\n"))
                    .contains("test.special=" + SPECIAL_VALUE, "jobmanager.memory.process.size=512m",
                            "taskmanager.numberOfTaskSlots=1", "yarn.containers.vcores=1");
            assertThat(environment.getProperty("JAVA_HOME")).isEqualTo(System.getProperty("java.home"));
            assertThat(environment.getProperty("files").split(","))
                    .contains("test-am.jar", YarnDeploymentConstants.CONFIGURATION_FILE, YarnDeploymentConstants.JOB_MANAGER_LOG_CONFIG);
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_INLINE_FILES)).isNotBlank();

            assertThat(descriptor.retrieve(handle.applicationId()).restUrl()).isEqualTo(handle.restUrl());

            // A job for the session: its local cached file goes to jobs/<job id>/, removed with the staging directory.
            Path table = Files.writeString(workDirectory.resolve("session-table.csv"), "7,seven\n");
            JobGraph job = CachedFileShipmentTest.jobWithCachedFiles(Map.of("table", table.toString()));
            JobGraph shipped = descriptor.shipCachedFilesToSession(handle.applicationId(), job);
            org.apache.hadoop.fs.Path copy = new org.apache.hadoop.fs.Path(staging, "jobs/" + job.getJobId() + "/table");
            assertThat(FileCache.parse(shipped.getConfiguration().get(CoreOptions.CACHED_FILES)))
                    .containsExactly(Map.entry("table", copy.toString()));
            assertThat(read(copy)).isEqualTo("7,seven\n".getBytes(StandardCharsets.UTF_8));

            Files.createFile(finishMarker);
            assertThat(handle.waitForFinalStatus(Duration.ofSeconds(30))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
            assertThat(fileSystem().exists(staging)).isFalse();
            assertThatThrownBy(() -> descriptor.retrieve(handle.applicationId()))
                    .isInstanceOf(ClusterDeploymentException.class).hasMessageContaining("is not running");
        }
    }

    @Test
    void perJobClusterGetsTheJobGraphWithItsCachedFilesAndKillRemovesEverything() throws Exception {
        Path table = Files.writeString(workDirectory.resolve("per-job-table.csv"), "1,one\n");
        JobGraph jobGraph = CachedFileShipmentTest.jobWithCachedFiles(
                Map.of("table", table.toString(), "shared", cluster.dfsUri() + "/shared/table.csv"));
        try (YarnClusterDescriptor descriptor = descriptor(configuration("per-job-test"), YarnClientFactory.DEFAULT)) {
            ClusterClientHandle handle = descriptor.deployPerJob(SMALL, jobGraph.toBytes());
            org.apache.hadoop.fs.Path staging = stagingDirectory(handle.applicationId());
            Properties environment = environmentOf(handle);
            // A small JobGraph reaches the AM through its environment, with its cached files' new paths.
            JobGraph shipped = JobGraph.fromBytes(InlineFiles.decode(
                    environment.getProperty(YarnDeploymentConstants.ENV_INLINE_AM_FILES)).get(YarnDeploymentConstants.JOB_GRAPH_FILE));
            assertThat(shipped.getJobId()).isEqualTo(jobGraph.getJobId());
            org.apache.hadoop.fs.Path copy = new org.apache.hadoop.fs.Path(staging, "cached-files/table");
            assertThat(FileCache.parse(shipped.getConfiguration().get(CoreOptions.CACHED_FILES))).containsOnly(
                    Map.entry("table", copy.toString()), Map.entry("shared", cluster.dfsUri() + "/shared/table.csv"));
            assertThat(read(copy)).isEqualTo("1,one\n".getBytes(StandardCharsets.UTF_8));
            assertThat(fileSystem().exists(new org.apache.hadoop.fs.Path(staging, YarnDeploymentConstants.JOB_GRAPH_FILE))).isFalse();
            assertThat(environment.getProperty("files").split(",")).contains(YarnDeploymentConstants.JOB_GRAPH_FILE);
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_SHIPPED_FILES))
                    .doesNotContain(YarnDeploymentConstants.JOB_GRAPH_FILE);

            descriptor.kill(handle.applicationId());

            assertThat(handle.report().getYarnApplicationState()).isEqualTo(YarnApplicationState.KILLED);
            assertThat(handle.finalStatus()).isEqualTo(FinalApplicationStatus.KILLED);
            assertThat(fileSystem().exists(staging)).isFalse();
        }
    }

    @Test
    void applicationClusterUsesJarsOnTheSharedFileSystemWhereTheyAre() throws Exception {
        FileSystem fileSystem = fileSystem();
        org.apache.hadoop.fs.Path providedLib = new org.apache.hadoop.fs.Path(cluster.dfsUri() + "/spindle/lib");
        fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(applicationMasterJar.toUri()),
                new org.apache.hadoop.fs.Path(providedLib, "test-am.jar"));
        org.apache.hadoop.fs.Path userJar = new org.apache.hadoop.fs.Path(cluster.dfsUri() + "/jobs/wordcount.jar");
        fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(YarnTestCluster.buildJarWithEntries(
                workDirectory.resolve("wordcount.jar"), "com.example.WordCount").toUri()), userJar);
        Configuration configuration = configuration("application-test")
                .set(YarnConfigOptions.PROVIDED_LIB_DIRS, providedLib.toString());

        try (YarnClusterDescriptor descriptor = descriptor(configuration, YarnClientFactory.DEFAULT)) {
            ClusterClientHandle handle = descriptor.deployApplication(SMALL, userJar, "com.example.WordCount",
                    List.of("--input", "two words", "", "a\nb"));

            Properties environment = environmentOf(handle);
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_APPLICATION_JAR)).isEqualTo("wordcount.jar");
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_APPLICATION_CLASS)).isEqualTo("com.example.WordCount");
            assertThat(ProgramArguments.decode(environment.getProperty(YarnDeploymentConstants.ENV_APPLICATION_ARGS)))
                    .containsExactly("--input", "two words", "", "a\nb");
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_SHIPPED_FILES).split(";"))
                    .anySatisfy(entry -> assertThat(entry).startsWith("provided-lib-0|" + fileSystem.makeQualified(providedLib))
                            .endsWith("|PUBLIC"))
                    .anySatisfy(entry -> assertThat(entry).startsWith("wordcount.jar|" + fileSystem.makeQualified(userJar)));
            // The provided directory arrives whole, as one link; its jars are on the class path one by one.
            assertThat(environment.getProperty("files").split(",")).contains("provided-lib-0", "wordcount.jar");
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_CLASSPATH).split(":"))
                    .startsWith("provided-lib-0/test-am.jar").contains("wordcount.jar");
            assertThat(environment.getProperty(YarnDeploymentConstants.ENV_CLASS_DATA_KEY)).matches("[0-9a-f]{16}");
            // Both jars are used where they are, and the configuration travels in the environment: nothing was uploaded.
            assertThat(namesIn(stagingDirectory(handle.applicationId()))).isEmpty();

            Files.createFile(finishMarker);
            assertThat(handle.waitForFinalStatus(Duration.ofSeconds(30))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        }
    }

    @Test
    void unknownQueueIsReportedBeforeAnythingIsCreated() throws Exception {
        Configuration configuration = configuration("queue-test").set(YarnConfigOptions.APPLICATION_QUEUE, "nightly-etl");
        assertFailsLeavingNothing(configuration, descriptor -> descriptor.deploySession(SMALL),
                "The YARN queue 'nightly-etl' does not exist. Known queues:", "default", "yarn.application.queue");
    }

    @Test
    void jobManagerLargerThanTheLargestContainerIsReportedBeforeAnythingIsCreated() throws Exception {
        assertFailsLeavingNothing(configuration("memory-test"),
                descriptor -> descriptor.deploySession(new ClusterSpecification(4096, 512, 1)),
                "JobManager memory of 4096 MB", "largest container YARN allows: " + YarnTestCluster.MAX_ALLOCATION_MB + " MB");
    }

    @Test
    void missingUserJarIsReportedBeforeAnythingIsCreated() throws Exception {
        org.apache.hadoop.fs.Path missing = new org.apache.hadoop.fs.Path(workDirectory.resolve("missing.jar").toString());
        assertFailsLeavingNothing(configuration("missing-jar-test"),
                descriptor -> descriptor.deployApplication(SMALL, missing, "com.example.Main", List.of()),
                "The user jar " + missing + " does not exist");
    }

    @Test
    void missingCachedFileIsReportedBeforeAnythingIsCreated() throws Exception {
        Path missing = workDirectory.resolve("missing-table.csv");
        JobGraph jobGraph = CachedFileShipmentTest.jobWithCachedFiles(Map.of("table", missing.toString()));
        assertFailsLeavingNothing(configuration("missing-cached-file-test"),
                descriptor -> descriptor.deployPerJob(SMALL, jobGraph),
                "The cached file 'table' (" + missing + ", registered with registerCachedFile) does not exist");
    }

    @Test
    void userJarWithoutTheEntryClassIsReportedBeforeAnythingIsCreated() throws Exception {
        Path jar = YarnTestCluster.buildJarWithEntries(workDirectory.resolve("other.jar"), "com.example.Other");
        assertFailsLeavingNothing(configuration("entry-class-test"),
                descriptor -> descriptor.deployApplication(SMALL, new org.apache.hadoop.fs.Path(jar.toString()),
                        "com.example.Main", List.of()),
                "has no class com.example.Main", "-c/--class");
    }

    @Test
    void interruptedDeploymentKillsTheApplicationAndDeletesItsFiles() throws Exception {
        Configuration configuration = configuration("interrupt-test")
                .setString(MarkerFileApplicationMaster.REGISTER_DELAY, "30000");
        CountDownLatch accepted = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptFlagKept = new AtomicBoolean();
        DeploymentProgressListener listener = (applicationId, state) -> {
            if (state == YarnApplicationState.ACCEPTED) {
                accepted.countDown();
            }
        };
        Thread deployer = new Thread(() -> {
            try (YarnClusterDescriptor descriptor = new YarnClusterDescriptor(configuration, cluster.configuration(),
                    clusterFiles, YarnClientFactory.DEFAULT, testEntrypoints(), listener)) {
                descriptor.deploySession(SMALL);
            } catch (Throwable t) {
                failure.set(t);
                interruptFlagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        deployer.start();
        assertThat(accepted.await(30, TimeUnit.SECONDS)).isTrue();
        deployer.interrupt();
        deployer.join(30_000);

        assertThat(failure.get()).isInstanceOf(ClusterDeploymentException.class).hasMessageContaining("interrupted");
        assertThat(interruptFlagKept).isTrue();
        ApplicationReport report = applicationNamed("interrupt-test");
        assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.KILLED);
        assertThat(fileSystem().exists(stagingDirectory(report.getApplicationId()))).isFalse();
    }

    @Test
    void failureAfterSubmissionKillsTheApplicationAndDeletesItsFiles() throws Exception {
        YarnClientFactory failingReports = configuration -> {
            YarnClient client = new YarnClientImpl() {
                @Override
                public ApplicationReport getApplicationReport(ApplicationId applicationId) throws YarnException {
                    throw new YarnException("simulated loss of the ResourceManager");
                }
            };
            client.init(configuration);
            client.start();
            return client;
        };
        try (YarnClusterDescriptor descriptor = descriptor(configuration("report-failure-test"), failingReports)) {
            assertThatThrownBy(() -> descriptor.deploySession(SMALL))
                    .isInstanceOf(ClusterDeploymentException.class)
                    .hasMessageContaining("simulated loss of the ResourceManager");
        }
        ApplicationReport report = applicationNamed("report-failure-test");
        assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.KILLED);
        assertThat(fileSystem().exists(stagingDirectory(report.getApplicationId()))).isFalse();
    }

    interface Deploy {
        void run(YarnClusterDescriptor descriptor) throws Exception;
    }

    private void assertFailsLeavingNothing(Configuration configuration, Deploy deploy, String... messageParts)
            throws Exception {
        int applicationsBefore = observer.getApplications().size();
        Set<String> stagedBefore = Set.copyOf(stagedApplications());
        try (YarnClusterDescriptor descriptor = descriptor(configuration, YarnClientFactory.DEFAULT)) {
            assertThatThrownBy(() -> deploy.run(descriptor))
                    .isInstanceOf(ClusterDeploymentException.class)
                    .hasMessageContainingAll(messageParts);
        }
        assertThat(observer.getApplications()).hasSize(applicationsBefore);
        assertThat(stagedApplications()).containsExactlyInAnyOrderElementsOf(stagedBefore);
    }

    private Configuration configuration(String applicationName) {
        return new Configuration()
                .set(YarnConfigOptions.APPLICATION_NAME, applicationName)
                .setString(YarnConfigOptions.DEPLOYMENT_TIMEOUT.key(), "45 s")
                .setString(MarkerFileApplicationMaster.FINISH_MARKER, finishMarker.toString());
    }

    private YarnClusterDescriptor descriptor(Configuration configuration, YarnClientFactory factory) {
        return new YarnClusterDescriptor(configuration, cluster.configuration(), clusterFiles, factory,
                testEntrypoints(), (applicationId, state) -> states.add(state));
    }

    private static YarnEntrypoints testEntrypoints() {
        return YarnEntrypoints.all(MarkerFileApplicationMaster.class.getName());
    }

    private static ApplicationReport applicationNamed(String name) throws Exception {
        return observer.getApplications().stream().filter(report -> report.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no application named " + name));
    }

    private static FileSystem fileSystem() throws IOException {
        return cluster.fileSystem();
    }

    private static org.apache.hadoop.fs.Path stagingDirectory(ApplicationId applicationId) throws IOException {
        FileSystem fileSystem = fileSystem();
        return fileSystem.makeQualified(new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(),
                ".spindle/" + applicationId));
    }

    private static List<String> stagedApplications() throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(fileSystem().getHomeDirectory(), ".spindle");
        return fileSystem().exists(root) ? namesIn(root) : List.of();
    }

    private static byte[] read(org.apache.hadoop.fs.Path file) throws IOException {
        try (var in = fileSystem().open(file)) {
            return in.readAllBytes();
        }
    }

    private static List<String> namesIn(org.apache.hadoop.fs.Path directory) throws IOException {
        return Arrays.stream(fileSystem().listStatus(directory)).map(status -> status.getPath().getName()).toList();
    }

    private static Properties environmentOf(ClusterClientHandle handle) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(handle.restUrl() + "/environment")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Properties properties = new Properties();
        properties.load(new StringReader(response.body()));
        return properties;
    }
}
