package io.spindle.yarn.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.ApplicationDeployer;
import io.spindle.deployment.ClusterLocator;
import io.spindle.deployment.PipelineExecutorFactory;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.YarnConfigOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the YARN targets are found and how they find (or do not find) a session, without a cluster. */
class YarnTargetsTest {
    @TempDir
    Path dir;

    private Configuration configuration() {
        return new Configuration().set(YarnConfigOptions.PROPERTIES_FILE_LOCATION, dir.toString());
    }

    @Test
    void targetsAreRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(PipelineExecutorFactory.class).stream().map(p -> p.get().target()).toList())
                .contains("yarn-session", "yarn-per-job", "local", "remote");
        assertThat(ServiceLoader.load(ApplicationDeployer.class).stream().map(p -> p.get().target()).toList())
                .containsExactly("yarn-application");
        assertThat(ServiceLoader.load(ClusterLocator.class).stream().map(p -> p.type().getName()).toList())
                .containsExactly(YarnSessionLocator.class.getName());
    }

    @Test
    void noSessionNamedMeansNothingLocatedAndTheSessionTargetFailsClearly() throws Exception {
        assertThat(new YarnSessionLocator(Map.of()).locate(configuration())).isEmpty();
        assertThatThrownBy(() -> new YarnSessionExecutorFactory(Map.of()).create(configuration()).execute(null, null))
                .isInstanceOf(ClusterDeploymentException.class)
                .hasMessage("No YARN session found: start one with yarn-session.sh, or pass -Dyarn.application.id=<id>");
    }

    @Test
    void sessionIdComesFromTheConfigurationBeforeThePropertiesFile() throws Exception {
        YarnSessionProperties.write(YarnSessionProperties.location(configuration()), "application_1_0005", Map.of());
        assertThat(YarnSessionLocator.find(configuration()).orElseThrow().applicationId().toString())
                .isEqualTo("application_1_0005");
        Configuration explicit = configuration().set(YarnConfigOptions.APPLICATION_ID, "application_1_0009");
        assertThat(YarnSessionLocator.find(explicit).orElseThrow().applicationId().toString())
                .isEqualTo("application_1_0009");
        assertThatThrownBy(() -> YarnSessionLocator.find(configuration().set(YarnConfigOptions.APPLICATION_ID, "app-9")))
                .hasMessageContaining("'app-9' (from yarn.application.id) is not a YARN application id");
    }

    @Test
    void recordedSessionWithoutHadoopConfigurationNamesTheFileToDelete() throws Exception {
        Path file = YarnSessionProperties.location(configuration());
        YarnSessionProperties.write(file, "application_1_0005", Map.of());
        assertThatThrownBy(() -> new YarnSessionLocator(Map.of()).locate(configuration()))
                .hasMessageStartingWith("No Hadoop configuration found")
                .hasMessageContaining("named by " + file + ": delete that file if the session is gone");
    }

    @Test
    void sessionCliReportsMissingHadoopConfigurationAndBadFlags() {
        assertThat(YarnSessionCliRunner.run(Map.of(), "", "-d").exitCode()).isEqualTo(YarnSessionCli.ERROR);
        assertThat(YarnSessionCliRunner.run(Map.of(), "", "-d").err().strip())
                .isEqualTo(YarnDeploymentContext.NO_HADOOP_CONF);
        YarnSessionCliRunner.Outcome unknown = YarnSessionCliRunner.run(Map.of(), "", "--frob");
        assertThat(unknown.exitCode()).isEqualTo(YarnSessionCli.USAGE_ERROR);
        assertThat(unknown.err().strip()).isEqualTo("Unknown option '--frob'; 'yarn-session.sh -h' lists the options");
        YarnSessionCliRunner.Outcome help = YarnSessionCliRunner.run(Map.of(), "", "-h");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: yarn-session.sh [options]");
    }

    @Test
    void distributionListsTheBuildsJarsOrFailsClearly() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        SpindleDistribution distribution = new SpindleDistribution(home, conf);
        assertThatThrownBy(distribution::libJars).isInstanceOf(ClusterDeploymentException.class)
                .hasMessageContaining("Spindle's jars to ship to YARN are missing under " + home.toAbsolutePath());
        assertThatThrownBy(() -> distribution.confFiles(dir)).hasMessageContaining("log4j2-jobmanager.xml is missing");

        Path engineLib = Files.createDirectories(home.resolve("engine-runtime/target/lib"));
        Path engine = Files.createFile(home.resolve("engine-runtime/target/engine-runtime-1.0.jar"));
        Files.createFile(home.resolve("engine-runtime/target/engine-runtime-1.0-tests.jar"));
        Path netty = Files.createFile(engineLib.resolve("netty.jar"));
        Path appMaster = Files.createFile(Files.createDirectories(home.resolve("yarn-appmaster/target"))
                .resolve("yarn-appmaster-1.0.jar"));
        assertThat(distribution.libJars()).containsExactly(engine, appMaster, netty);

        Path lib = Files.createDirectories(home.resolve("lib"));
        Path distributed = Files.createFile(lib.resolve("spindle-dist.jar"));
        assertThat(distribution.libJars()).containsExactly(distributed);

        Path jmLog = Files.createFile(conf.resolve("log4j2-jobmanager.xml"));
        Path tmLog = Files.createFile(conf.resolve("log4j2-taskmanager.xml"));
        Path hadoop = Files.createDirectories(dir.resolve("hadoop"));
        Path yarnSite = Files.createFile(hadoop.resolve("yarn-site.xml"));
        assertThat(distribution.confFiles(hadoop)).containsExactly(jmLog, tmLog, yarnSite);
        Path spindleConf = Files.createFile(conf.resolve("spindle-conf.yaml"));
        assertThat(distribution.confFiles(hadoop)).containsExactly(spindleConf, jmLog, tmLog, yarnSite);
    }

    @Test
    void installationIsFoundFromThisBuild() throws Exception {
        SpindleDistribution located = SpindleDistribution.locate(Map.of());
        assertThat(located.home().resolve("yarn-client/pom.xml")).exists();
        assertThat(located.confDir()).isEqualTo(located.home().resolve("conf"));
        assertThat(SpindleDistribution.locate(Map.of("SPINDLE_HOME", dir.toString(), "SPINDLE_CONF_DIR", "/etc/spindle")))
                .satisfies(d -> assertThat(List.of(d.home(), d.confDir())).containsExactly(dir, Path.of("/etc/spindle")));
    }
}
