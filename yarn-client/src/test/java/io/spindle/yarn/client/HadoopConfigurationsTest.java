package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopConfigurationsTest {
    @TempDir
    Path directory;

    @Test
    void withoutConfigurationDirectoryTheErrorSaysWhatToSet() {
        assertThatThrownBy(() -> HadoopConfigurations.load(Map.of()))
                .isInstanceOf(ClusterDeploymentException.class)
                .hasMessage("No Hadoop configuration found: set HADOOP_CONF_DIR (or YARN_CONF_DIR) to your cluster's "
                        + "configuration directory, or start the local sandbox with scripts/local-hadoop.sh start");
    }

    @Test
    void readsTheSiteFilesOfHadoopConfDirBeforeYarnConfDir() throws Exception {
        Path hadoopConf = Files.createDirectory(directory.resolve("hadoop"));
        writeProperty(hadoopConf.resolve("core-site.xml"), "fs.defaultFS", "hdfs://namenode:8020");
        writeProperty(hadoopConf.resolve("yarn-site.xml"), "yarn.resourcemanager.address", "rm:8032");
        Path yarnConf = Files.createDirectory(directory.resolve("yarn"));
        writeProperty(yarnConf.resolve("yarn-site.xml"), "yarn.resourcemanager.address", "other:8032");

        var configuration = HadoopConfigurations.load(Map.of("HADOOP_CONF_DIR", hadoopConf.toString(),
                "YARN_CONF_DIR", yarnConf.toString()));

        assertThat(configuration.get("fs.defaultFS")).isEqualTo("hdfs://namenode:8020");
        assertThat(configuration.get("yarn.resourcemanager.address")).isEqualTo("rm:8032");
        assertThat(HadoopConfigurations.load(Map.of("YARN_CONF_DIR", yarnConf.toString()))
                .get("yarn.resourcemanager.address")).isEqualTo("other:8032");
    }

    @Test
    void directoryWithoutSiteFilesOrMissingIsAnError() {
        assertThatThrownBy(() -> HadoopConfigurations.load(directory))
                .isInstanceOf(ClusterDeploymentException.class).hasMessageContaining("holds none of core-site.xml");
        assertThatThrownBy(() -> HadoopConfigurations.load(Map.of("HADOOP_CONF_DIR", directory.resolve("nope").toString())))
                .isInstanceOf(ClusterDeploymentException.class).hasMessageContaining("does not exist");
    }

    private static void writeProperty(Path file, String name, String value) throws Exception {
        Files.writeString(file, "<?xml version=\"1.0\"?>\n<configuration><property><name>" + name + "</name><value>"
                + value + "</value></property></configuration>\n");
    }
}
