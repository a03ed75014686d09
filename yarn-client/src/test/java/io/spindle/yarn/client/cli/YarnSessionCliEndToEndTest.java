package io.spindle.yarn.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.client.rest.ClusterOverview;
import io.spindle.client.rest.RestClusterClient;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.ClusterLocator;
import io.spindle.sandbox.LocalHadoopSandbox;
import io.spindle.sandbox.SandboxLayout;
import io.spindle.yarn.client.HadoopConfigurations;
import io.spindle.yarn.client.YarnConfigOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real session started with {@code yarn-session.sh -d}'s code path onto the embedded Hadoop sandbox and
 * MiniDFSCluster, shipping the jars of this build; then found through the properties file,
 * asked for its overview, and stopped with {@code echo stop | yarn-session.sh -id <appId>}.
 * Containers get no Hadoop installation: only the conf dir; Spindle ships its own jars.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class YarnSessionCliEndToEndTest {
    private static final Pattern APPLICATION_LINE = Pattern.compile("YARN application: (application_\\d+_\\d+)");
    private static final Pattern REST_LINE = Pattern.compile("REST endpoint: +(http://\\S+)");

    @TempDir
    static Path work;
    private static LocalHadoopSandbox sandbox;
    private static YarnConfiguration yarnConfiguration;
    private static Map<String, String> environment;
    private static Configuration base;

    @BeforeAll
    static void startHadoop() throws Exception {
        sandbox = LocalHadoopSandbox.start(new SandboxLayout(work.resolve("hadoop")),
                new LocalHadoopSandbox.Resources(1, 4096, 4));
        Path hadoopConf = sandbox.confDir();
        yarnConfiguration = HadoopConfigurations.load(hadoopConf);

        Path spindleConf = Files.createDirectories(work.resolve("spindle-conf"));
        Files.writeString(spindleConf.resolve("spindle-conf.yaml"), "taskmanager.numberOfTaskSlots: 1\n");
        Path repository = SpindleDistribution.locate(Map.of()).home();
        for (String log : new String[] {"log4j2-jobmanager.xml", "log4j2-taskmanager.xml"}) {
            Files.copy(repository.resolve("conf").resolve(log), spindleConf.resolve(log));
        }
        environment = Map.of("HADOOP_CONF_DIR", hadoopConf.toString(), "SPINDLE_CONF_DIR", spindleConf.toString());
        base = new Configuration().set(YarnConfigOptions.PROPERTIES_FILE_LOCATION, work.toString());
    }

    @AfterAll
    static void stopHadoop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void detachedSessionAnswersAndStopsThroughStdin() throws Exception {
        YarnSessionCliRunner.Outcome started = YarnSessionCliRunner.run(base, environment, "",
                "-d", "-jm", "768m", "-tm", "1024m", "-s", "1", "-nm", "cli-e2e", "-D", "parallelism.default=1");
        assertThat(started.exitCode()).as(started.out() + started.err()).isZero();
        String applicationId = group(APPLICATION_LINE, started.out());
        String restUrl = group(REST_LINE, started.out());
        assertThat(started.out()).contains("Attach to it with: yarn-session.sh -id " + applicationId,
                "echo \"stop\" | yarn-session.sh -id " + applicationId, "yarn application -kill " + applicationId);
        Path propertiesFile = YarnSessionProperties.location(base);
        assertThat(YarnSessionProperties.read(propertiesFile).orElseThrow().applicationId()).isEqualTo(applicationId);

        // The CLI's list/info/cancel and 'run' without -t find the session through the properties file.
        ClusterLocator.LocatedCluster located = new YarnSessionLocator(environment).locate(base).orElseThrow();
        assertThat(located.executionTarget()).isEqualTo("yarn-session");
        assertThat("http://" + located.restHost() + ":" + located.restPort()).isEqualTo(restUrl);
        ClusterOverview overview = new RestClusterClient(located.restHost(), located.restPort(), Duration.ofSeconds(10))
                .overview();
        assertThat(overview.jobsRunning()).isZero();

        YarnSessionCliRunner.Outcome stopped = YarnSessionCliRunner.run(base, environment, "stop\n", "-id", applicationId);
        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isZero();
        assertThat(stopped.out()).contains("Stopping the session " + applicationId,
                "The session " + applicationId + " has stopped (final status SUCCEEDED)");
        assertThat(propertiesFile).doesNotExist();

        ApplicationReport report = report(ApplicationId.fromString(applicationId));
        assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
        assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        assertStagingDirectoryGone(applicationId);
    }

    /**
     * Ctrl-C in attached clients, run as child JVMs like yarn-session.sh runs them: the one
     * attached with -id only detaches; the one that started the session shuts it down, and its
     * staging directory and the properties file go.
     */
    @Test
    void ctrlCDetachesAClientAttachedWithIdAndStopsTheSessionItsClientStarted() throws Exception {
        AttachedClient starter = AttachedClient.start(environment, work, "-jm", "768m", "-tm", "1024m", "-s", "1",
                "-nm", "cli-ctrl-c",
                "-D", YarnConfigOptions.PROPERTIES_FILE_LOCATION.key() + "=" + work);
        try {
            String started = starter.awaitOutput("Type 'stop'");
            ApplicationId applicationId = ApplicationId.fromString(group(APPLICATION_LINE, started));
            Path propertiesFile = YarnSessionProperties.location(base);

            AttachedClient attached = AttachedClient.start(environment, work, "-id", applicationId.toString(),
                    "-D", YarnConfigOptions.PROPERTIES_FILE_LOCATION.key() + "=" + work);
            try {
                attached.awaitOutput("Type 'stop'");
                attached.interrupt();
                assertThat(attached.awaitExit()).contains("Interrupted: detached from the session " + applicationId
                        + ", which keeps running");
            } finally {
                attached.destroy();
            }
            assertThat(report(applicationId).getYarnApplicationState()).isEqualTo(YarnApplicationState.RUNNING);
            assertThat(YarnSessionProperties.read(propertiesFile).orElseThrow().applicationId())
                    .isEqualTo(applicationId.toString());

            starter.interrupt();
            assertThat(starter.awaitExit()).contains(
                    "Interrupted: shutting down the session " + applicationId + " that this client started",
                    "The session " + applicationId + " has stopped (final status SUCCEEDED)");
            ApplicationReport report = report(applicationId);
            assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
            assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
            assertThat(propertiesFile).doesNotExist();
            assertStagingDirectoryGone(applicationId.toString());
        } finally {
            starter.destroy();
        }
    }

    private static ApplicationReport report(ApplicationId applicationId) throws Exception {
        YarnClient observer = YarnClient.createYarnClient();
        observer.init(yarnConfiguration);
        observer.start();
        try {
            return observer.getApplicationReport(applicationId);
        } finally {
            observer.stop();
        }
    }

    private static void assertStagingDirectoryGone(String applicationId) throws Exception {
        FileSystem fileSystem = FileSystem.get(yarnConfiguration);
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(fileSystem.getHomeDirectory(),
                ".spindle/" + applicationId);
        // The ApplicationMaster deletes it right after unregistering, which is when YARN reports FINISHED.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (fileSystem.exists(staging) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(fileSystem.exists(staging)).as("staging directory " + staging).isFalse();
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in:\n" + text).isTrue();
        return matcher.group(1);
    }
}
