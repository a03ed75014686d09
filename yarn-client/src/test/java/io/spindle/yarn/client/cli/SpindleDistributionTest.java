package io.spindle.yarn.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.ClusterFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's layout on disk, and -j (yarn.spindle-dist-jar) replacing its engine jar. */
class SpindleDistributionTest {
    @TempDir
    Path home;
    private SpindleDistribution distribution;

    @BeforeEach
    void buildLayout() throws Exception {
        Files.createDirectories(home.resolve("engine-runtime/target/lib"));
        Files.createDirectories(home.resolve("yarn-appmaster/target"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("engine-runtime/target/engine-runtime-1.0.jar"), "engine");
        Files.writeString(home.resolve("engine-runtime/target/engine-runtime-1.0-tests.jar"), "tests");
        Files.writeString(home.resolve("engine-runtime/target/lib/netty-4.jar"), "netty");
        Files.writeString(home.resolve("yarn-appmaster/target/yarn-appmaster-1.0.jar"), "am");
        Files.writeString(home.resolve("conf/log4j2-jobmanager.xml"), "<Configuration/>");
        Files.writeString(home.resolve("conf/log4j2-taskmanager.xml"), "<Configuration/>");
        distribution = new SpindleDistribution(home, home.resolve("conf"));
    }

    @Test
    void shipsTheBuildsEngineJarWithoutMinusJ() throws Exception {
        ClusterFiles files = distribution.clusterFiles(home.resolve("conf"), List.of(), null);
        assertThat(files.libJars()).extracting(jar -> jar.getFileName().toString())
                .containsExactly("engine-runtime-1.0.jar", "yarn-appmaster-1.0.jar", "netty-4.jar");
    }

    @Test
    void minusJReplacesTheEngineJar() throws Exception {
        Path own = Files.writeString(home.resolve("my-engine.jar"), "patched engine");

        ClusterFiles files = distribution.clusterFiles(home.resolve("conf"), List.of(), own);

        assertThat(files.libJars()).extracting(jar -> jar.getFileName().toString())
                .containsExactly("my-engine.jar", "yarn-appmaster-1.0.jar", "netty-4.jar");
    }

    @Test
    void aMissingOrNonJarMinusJIsRefusedWithWhatToDo() throws Exception {
        assertThatThrownBy(() -> distribution.clusterFiles(home.resolve("conf"), List.of(), home.resolve("gone.jar")))
                .isInstanceOf(ClusterDeploymentException.class)
                .hasMessage("The Spindle jar " + home.resolve("gone.jar") + " (-j, yarn.spindle-dist-jar) does not exist:"
                        + " pass the path of an engine-runtime jar, or leave -j out to ship the installation's.");
        assertThatThrownBy(() -> distribution.clusterFiles(home.resolve("conf"), List.of(), home.resolve("conf")))
                .hasMessageContaining("is not a jar file");
    }
}
