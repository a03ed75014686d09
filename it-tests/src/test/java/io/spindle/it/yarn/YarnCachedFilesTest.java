package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.JobExecutionResult;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.client.program.PipelineOptions;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.PipelineExecutor;
import io.spindle.graph.JobGraph;
import io.spindle.it.leaks.SandboxLeaks;
import io.spindle.sandbox.LocalHadoopSandbox;
import io.spindle.sandbox.SandboxLayout;
import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.ClusterFiles;
import io.spindle.yarn.client.ClusterSpecification;
import io.spindle.yarn.client.HadoopConfigurations;
import io.spindle.yarn.client.YarnClusterDescriptor;
import io.spindle.yarn.client.YarnConfigOptions;
import io.spindle.yarn.client.cli.YarnSessionExecutorFactory;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cached files of the client's machine reach the TaskManagers of a YARN per-job cluster and of a
 * YARN session through the staging directory: a job maps ids to names with a lookup table (a
 * local file) and a prefix (a local directory), and its exact output is checked. The lookup
 * function fails if it would read the client's file in place, so a pass proves the copy came
 * from the shared FileSystem. The staging directory, with the copies, is gone after each cluster.
 */
class YarnCachedFilesTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final ClusterSpecification SPEC = new ClusterSpecification(768, 1024, 2);
    private static final int IDS = 60;

    @TempDir
    static Path work;

    private static LocalHadoopSandbox sandbox;
    private static YarnConfiguration yarnConfiguration;
    private static FileSystem fileSystem;
    private static String hdfsUri;
    private static ClusterFiles clusterFiles;
    private static Path userJar;
    private static Path lookupTable;
    private static Path labels;
    private static List<String> expectedLines;

    @BeforeAll
    static void startHadoop() throws Exception {
        sandbox = LocalHadoopSandbox.start(new SandboxLayout(work.resolve("hadoop")),
                new LocalHadoopSandbox.Resources(1, 4096, 4));
        yarnConfiguration = HadoopConfigurations.load(sandbox.confDir());
        fileSystem = FileSystem.get(yarnConfiguration);
        hdfsUri = sandbox.hdfsUri().toString();

        Path spindleConf = Files.createDirectories(work.resolve("spindle-conf"));
        Files.writeString(spindleConf.resolve("spindle-conf.yaml"), "heartbeat.interval: 500 ms\nheartbeat.timeout: 5 s\n");
        List<Path> libJars = new ArrayList<>();
        libJars.add(REPO.resolve("engine-runtime/target/engine-runtime-0.1.0-SNAPSHOT.jar"));
        libJars.add(REPO.resolve("yarn-appmaster/target/yarn-appmaster-0.1.0-SNAPSHOT.jar"));
        try (Stream<Path> lib = Files.list(REPO.resolve("engine-runtime/target/lib"))) {
            lib.filter(jar -> jar.toString().endsWith(".jar")).forEach(libJars::add);
        }
        // The job's user code: this class's nested classes, the only ones the cluster gets.
        userJar = ProgramJar.ofNestedClasses(work.resolve("cached-files-job.jar"), YarnCachedFilesTest.class);
        clusterFiles = new ClusterFiles(libJars, List.of(spindleConf.resolve("spindle-conf.yaml"),
                REPO.resolve("conf/log4j2-jobmanager.xml"), REPO.resolve("conf/log4j2-taskmanager.xml"),
                sandbox.confDir().resolve("yarn-site.xml"), sandbox.confDir().resolve("core-site.xml")),
                List.of(userJar));

        StringBuilder table = new StringBuilder();
        expectedLines = new ArrayList<>();
        for (int id = 0; id < IDS; id++) {
            String name = "name" + (id * 7 % 13);
            table.append(id).append(',').append(name).append('\n');
            expectedLines.add(id + "=user-" + name);
        }
        lookupTable = Files.writeString(work.resolve("lookup.csv"), table);
        labels = Files.createDirectories(work.resolve("labels"));
        Files.writeString(labels.resolve("prefix.txt"), "user-\n");
    }

    @AfterAll
    static void stopHadoop() throws Exception {
        if (sandbox != null) {
            SandboxLeaks.closeChecked(sandbox, "YarnCachedFilesTest");
        }
    }

    @Test
    void perJobClusterShipsLocalCachedFiles() throws Exception {
        try (YarnClusterDescriptor descriptor = descriptor()) {
            JobGraph jobGraph = lookupJob(new Configuration(), null, "/out-per-job").getJobGraph("cached files per-job")
                    .withUserJars(List.of(userJar.getFileName().toString()));
            ClusterClientHandle cluster = descriptor.deployPerJob(SPEC, jobGraph);

            assertThat(cluster.waitForFinalStatus(Duration.ofSeconds(120))).isEqualTo(FinalApplicationStatus.SUCCEEDED);
            assertThat(readLines("/out-per-job")).containsExactlyInAnyOrderElementsOf(expectedLines);
            assertGone(stagingDirectory(cluster));
        }
    }

    @Test
    void sessionShipsLocalCachedFilesOfEachJob() throws Exception {
        try (YarnClusterDescriptor descriptor = descriptor()) {
            ClusterClientHandle session = descriptor.deploySession(SPEC);
            Configuration client = new Configuration().set(YarnConfigOptions.APPLICATION_ID, session.applicationId().toString());
            PipelineOptions.setJars(client, List.of(userJar));
            YarnSessionExecutorFactory executors = new YarnSessionExecutorFactory(
                    Map.of("HADOOP_CONF_DIR", sandbox.confDir().toString()));

            JobExecutionResult result = lookupJob(client, executors.create(client), "/out-session")
                    .execute("cached files in a session");

            assertThat(readLines("/out-session")).containsExactlyInAnyOrderElementsOf(expectedLines);
            org.apache.hadoop.fs.Path staging = stagingDirectory(session);
            // The job read its copy (the lookup refuses the client's file), and the copy went when the job ended.
            assertGone(new org.apache.hadoop.fs.Path(staging, "jobs/" + result.getJobID()));
            YarnSandboxFixture.stopSession(session);
            assertGone(staging);
        }
    }

    @Test
    void missingLocalCachedFileFailsBeforeAnythingIsCreated() throws Exception {
        Path doomed = Files.writeString(work.resolve("doomed.csv"), "0,zero\n");
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null).registerCachedFile(doomed.toString(), "names");
        env.fromSequence(0, 1).map(new NameLookup(doomed.toString())).writeAsText(hdfsUri + "/out-never");
        JobGraph jobGraph = env.getJobGraph("missing cached file");
        Files.delete(doomed);

        YarnClient observer = YarnClient.createYarnClient();
        observer.init(yarnConfiguration);
        observer.start();
        try (YarnClusterDescriptor descriptor = descriptor()) {
            int applicationsBefore = observer.getApplications().size();
            List<String> stagedBefore = stagedApplications();
            assertThatThrownBy(() -> descriptor.deployPerJob(SPEC, jobGraph))
                    .isInstanceOf(ClusterDeploymentException.class)
                    .hasMessageContainingAll("The cached file 'names'", doomed.toString(), "does not exist");
            assertThat(observer.getApplications()).hasSize(applicationsBefore);
            assertThat(stagedApplications()).isEqualTo(stagedBefore);
        } finally {
            observer.stop();
        }
    }

    /** Maps an id to {@code id=<prefix><name>}, from the cached lookup table and the prefix in the cached directory. */
    static final class NameLookup implements MapFunction<Long, String>, RichFunction {
        private final String clientTablePath;
        private transient Map<Long, String> names;
        private transient String prefix;

        NameLookup(String clientTablePath) {
            this.clientTablePath = clientTablePath;
        }

        @Override
        public void open(RuntimeContext context) throws Exception {
            File table = context.getDistributedCache().getFile("names");
            if (table.toPath().toAbsolutePath().equals(Path.of(clientTablePath).toAbsolutePath())) {
                throw new IllegalStateException("The task read the client's " + clientTablePath
                        + " in place: the cached file was not shipped");
            }
            names = new HashMap<>();
            for (String line : Files.readAllLines(table.toPath())) {
                String[] fields = line.split(",");
                names.put(Long.parseLong(fields[0]), fields[1]);
            }
            prefix = Files.readString(context.getDistributedCache().getFile("labels").toPath().resolve("prefix.txt")).trim();
        }

        @Override
        public String map(Long id) {
            return id + "=" + prefix + names.get(id);
        }
    }

    /** The table by its plain path, the directory by a file: URI: both are local paths. */
    private static StreamEnvironment lookupJob(Configuration configuration, PipelineExecutor executor, String output) {
        StreamEnvironment env = new StreamEnvironment(configuration, executor)
                .registerCachedFile(lookupTable.toString(), "names")
                .registerCachedFile(labels.toUri().toString(), "labels")
                .setParallelism(2)
                .setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.fromSequence(0, IDS - 1).rebalance().map(new NameLookup(lookupTable.toString())).writeAsText(hdfsUri + output);
        return env;
    }

    private static YarnClusterDescriptor descriptor() {
        Configuration configuration = new Configuration();
        configuration.setString("yarn.application.name", "spindle-it-cached-files");
        return new YarnClusterDescriptor(configuration, yarnConfiguration, clusterFiles);
    }

    private static List<String> readLines(String directory) throws Exception {
        List<String> lines = new ArrayList<>();
        for (FileStatus part : fileSystem.listStatus(new org.apache.hadoop.fs.Path(directory))) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(fileSystem.open(part.getPath()), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            }
        }
        return lines;
    }

    private static org.apache.hadoop.fs.Path stagingDirectory(ClusterClientHandle cluster) throws Exception {
        return new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(), ".spindle/" + cluster.applicationId());
    }

    private static List<String> stagedApplications() throws Exception {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(), ".spindle");
        if (!fileSystem.exists(root)) {
            return List.of();
        }
        return Arrays.stream(fileSystem.listStatus(root)).map(status -> status.getPath().getName()).sorted().toList();
    }

    /** The ApplicationMaster deletes its staging directory right after unregistering. */
    private static void assertGone(org.apache.hadoop.fs.Path staging) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (fileSystem.exists(staging) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(fileSystem.exists(staging)).as("staging directory " + staging).isFalse();
    }
}
