package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.it.leaks.SandboxLeaks;
import io.spindle.sandbox.LocalHadoopSandbox;
import io.spindle.sandbox.SandboxLayout;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterFiles;
import io.spindle.yarn.client.HadoopConfigurations;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.io.BufferedReader;
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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * One embedded Hadoop sandbox (MiniYARNCluster + MiniDFSCluster with a real conf dir) per test
 * class, with Spindle's jars of this build shipped like a user's deployment ships them, a word
 * file on HDFS with known counts, and the checks the YARN tests share. Not thread-safe.
 */
final class YarnSandboxFixture implements AutoCloseable {
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    static final Path EXAMPLES_JAR = REPO.resolve("examples/target/examples-0.1.0-SNAPSHOT.jar");
    /** Configuration every deployment of the tests gets: small, quick to notice a lost TaskManager. */
    static final String SPINDLE_CONF = "taskmanager.numberOfTaskSlots: 1\nheartbeat.interval: 500 ms\nheartbeat.timeout: 5 s\n";
    static final String INPUT = "/input/words.txt";

    private final Path work;
    private final LocalHadoopSandbox sandbox;
    private final YarnConfiguration yarnConfiguration;
    private final FileSystem fileSystem;
    private final YarnClient yarnClient;
    private final ClusterFiles clusterFiles;
    private final Map<String, Integer> expectedCounts = new HashMap<>();

    private YarnSandboxFixture(Path work, LocalHadoopSandbox sandbox) throws Exception {
        this.work = work;
        this.sandbox = sandbox;
        yarnConfiguration = HadoopConfigurations.load(sandbox.confDir());
        fileSystem = FileSystem.get(yarnConfiguration);
        yarnClient = YarnClient.createYarnClient();
        yarnClient.init(yarnConfiguration);
        yarnClient.start();
        clusterFiles = new ClusterFiles(libJars(), confFiles(), List.of());
        writeWords();
    }

    /** Starts a sandbox with {@code nodeManagers} NodeManagers of 4 GB under {@code work}. */
    static YarnSandboxFixture start(Path work, int nodeManagers) throws Exception {
        LocalHadoopSandbox sandbox = LocalHadoopSandbox.start(new SandboxLayout(work.resolve("hadoop")),
                new LocalHadoopSandbox.Resources(nodeManagers, 4096, 4));
        try {
            return new YarnSandboxFixture(work, sandbox);
        } catch (Exception | Error e) {
            sandbox.close();
            throw e;
        }
    }

    private static List<Path> libJars() throws Exception {
        List<Path> libJars = new ArrayList<>();
        libJars.add(REPO.resolve("engine-runtime/target/engine-runtime-0.1.0-SNAPSHOT.jar"));
        libJars.add(REPO.resolve("yarn-appmaster/target/yarn-appmaster-0.1.0-SNAPSHOT.jar"));
        libJars.addAll(jarsIn(REPO.resolve("engine-runtime/target/lib")));
        libJars.add(REPO.resolve("ha-zookeeper/target/ha-zookeeper-0.1.0-SNAPSHOT.jar"));
        libJars.addAll(jarsIn(REPO.resolve("ha-zookeeper/target/lib")));
        return libJars;
    }

    private static List<Path> jarsIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private List<Path> confFiles() throws Exception {
        Path spindleConf = Files.createDirectories(spindleConfDir()).resolve("spindle-conf.yaml");
        // The session properties file stays in this test's directory, never the user's shared one.
        Files.writeString(spindleConf, SPINDLE_CONF + "yarn.properties-file.location: " + work + "\n");
        List<Path> files = new ArrayList<>(List.of(spindleConf));
        for (String log : List.of("log4j2-jobmanager.xml", "log4j2-taskmanager.xml")) {
            files.add(Files.copy(REPO.resolve("conf").resolve(log), spindleConfDir().resolve(log)));
        }
        // What the scripts give the client's own JVM; not shipped.
        Files.copy(REPO.resolve("conf/log4j2-console.xml"), spindleConfDir().resolve("log4j2-console.xml"));
        files.add(sandbox.confDir().resolve("yarn-site.xml"));
        files.add(sandbox.confDir().resolve("core-site.xml"));
        return files;
    }

    private void writeWords() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            String word = "yarn" + (i * 17 % 83);
            expectedCounts.merge(word, 1, Integer::sum);
            text.append(word).append(i % 8 == 7 ? "\n" : " ");
        }
        try (OutputStream out = fileSystem.create(new org.apache.hadoop.fs.Path(INPUT))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A conf dir as SPINDLE_CONF_DIR would name it: spindle-conf.yaml and the containers' log4j2 files. */
    Path spindleConfDir() {
        return work.resolve("spindle-conf");
    }

    /** {@code host:port} of the sandbox's ZooKeeper server. */
    String zooKeeperQuorum() {
        return sandbox.zooKeeperQuorum();
    }

    Path hadoopConfDir() {
        return sandbox.confDir();
    }

    Path hadoopHome() {
        return sandbox.layout().yarnDir();
    }

    String hdfs(String path) {
        return sandbox.hdfsUri() + path;
    }

    FileSystem fileSystem() {
        return fileSystem;
    }

    YarnClient yarnClient() {
        return yarnClient;
    }

    /** The counts of the words in {@link #INPUT}. */
    Map<String, Integer> expectedCounts() {
        return expectedCounts;
    }

    /** A descriptor with the given settings that ships Spindle's files and {@code userJars}. */
    YarnClusterDescriptor descriptor(Configuration configuration, List<Path> userJars) {
        return new YarnClusterDescriptor(configuration, yarnConfiguration,
                new ClusterFiles(clusterFiles.libJars(), clusterFiles.confFiles(), userJars));
    }

    /** Puts Spindle's jars into an HDFS directory, as a user does once for {@code yarn.provided.lib.dirs}; returns its URI. */
    String putLibJars(String directory) throws Exception {
        for (Path jar : clusterFiles.libJars()) {
            fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(jar.toUri()),
                    new org.apache.hadoop.fs.Path(directory, jar.getFileName().toString()));
        }
        return hdfs(directory);
    }

    /** A file the containers of an application wrote into their log directories, such as {@code taskmanager.log}. */
    String containerLog(String applicationId, String fileName) throws Exception {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(hadoopHome())) {
            for (Path log : files.filter(file -> file.getFileName().toString().equals(fileName)
                    && file.toString().contains("/" + applicationId + "/")).toList()) {
                logs.append(Files.readString(log));
            }
        }
        return logs.toString();
    }

    /** The {@code (word,count)} lines of every file in an HDFS directory. */
    Map<String, Integer> readCounts(String directory) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : readLines(directory)) {
            String[] fields = line.substring(1, line.length() - 1).split(",");
            assertThat(counts.put(fields[0], Integer.parseInt(fields[1]))).as("second line for " + fields[0]).isNull();
        }
        return counts;
    }

    List<String> readLines(String directory) throws Exception {
        List<String> lines = new ArrayList<>();
        for (FileStatus part : fileSystem.listStatus(new org.apache.hadoop.fs.Path(directory))) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(fileSystem.open(part.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    ApplicationReport report(String applicationId) throws Exception {
        return yarnClient.getApplicationReport(ApplicationId.fromString(applicationId));
    }

    /** Waits for the application to reach a final state and returns its report. */
    ApplicationReport awaitEnd(String applicationId, Duration timeout) throws Exception {
        await("application " + applicationId + " to end", timeout, () -> switch (report(applicationId).getYarnApplicationState()) {
            case FINISHED, FAILED, KILLED -> true;
            default -> false;
        });
        return report(applicationId);
    }

    /** The applications YARN knows in any state but a final one. */
    List<ApplicationReport> liveApplications() throws Exception {
        return yarnClient.getApplications().stream()
                .filter(report -> switch (report.getYarnApplicationState()) {
                    case FINISHED, FAILED, KILLED -> false;
                    default -> true;
                }).toList();
    }

    /** The staging directory goes once the AM has unregistered; it may lag the final state by a moment. */
    void assertStagingDirectoryGone(String applicationId) throws Exception {
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(), ".spindle/" + applicationId);
        await("staging directory " + staging + " to be deleted", Duration.ofSeconds(20), () -> !fileSystem.exists(staging));
    }

    /** Stops a session as {@code yarn-session.sh}'s stop does (DELETE /cluster); it must end SUCCEEDED. */
    static void stopSession(ClusterClientHandle session) throws Exception {
        HttpResponse<String> stop = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(session.restUrl() + "/cluster")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        assertThat(session.waitForFinalStatus(Duration.ofSeconds(60))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
    }

    /** Polls {@code condition} every 100 ms until it holds; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Stops the sandbox, and fails when the test left anything in it (see {@link SandboxLeaks}). */
    @Override
    public void close() throws Exception {
        yarnClient.stop();
        SandboxLeaks.closeChecked(sandbox, "The test class");
    }
}
