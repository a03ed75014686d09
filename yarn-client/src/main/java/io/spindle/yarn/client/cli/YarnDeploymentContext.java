package io.spindle.yarn.client.cli;

import io.spindle.configuration.Configuration;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.ClusterFiles;
import io.spindle.yarn.client.DeploymentProgressListener;
import io.spindle.yarn.client.HadoopConfigurations;
import io.spindle.yarn.client.YarnClientFactory;
import io.spindle.yarn.client.YarnClusterDescriptor;
import io.spindle.yarn.client.YarnConfigOptions;
import io.spindle.yarn.client.YarnEntrypoints;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * What the YARN commands of the CLI share: Spindle's configuration, the Hadoop configuration
 * directory ({@code HADOOP_CONF_DIR}, else {@code YARN_CONF_DIR}) and the installation whose
 * files a deployment ships. Creates {@link YarnClusterDescriptor}s, which the caller closes.
 */
public final class YarnDeploymentContext {
    static final String NO_HADOOP_CONF = "No Hadoop configuration found: set HADOOP_CONF_DIR (or YARN_CONF_DIR) to "
            + "your cluster's configuration directory, or start the local sandbox with scripts/local-hadoop.sh start";

    private final Configuration configuration;
    private final Map<String, String> environment;
    private final Path hadoopConfDir;
    private final YarnConfiguration yarnConfiguration;

    private YarnDeploymentContext(Configuration configuration, Map<String, String> environment, Path hadoopConfDir,
            YarnConfiguration yarnConfiguration) {
        this.configuration = new Configuration(configuration);
        this.environment = Map.copyOf(environment);
        this.hadoopConfDir = hadoopConfDir;
        this.yarnConfiguration = yarnConfiguration;
    }

    /** Reads the Hadoop configuration named by the environment; fails with advice when there is none. */
    public static YarnDeploymentContext create(Configuration configuration, Map<String, String> environment)
            throws ClusterDeploymentException {
        Path hadoopConfDir = hadoopConfDir(environment);
        return new YarnDeploymentContext(configuration, environment, hadoopConfDir, HadoopConfigurations.load(hadoopConfDir));
    }

    /** {@code HADOOP_CONF_DIR}, else {@code YARN_CONF_DIR}. */
    static Path hadoopConfDir(Map<String, String> environment) throws ClusterDeploymentException {
        for (String variable : List.of("HADOOP_CONF_DIR", "YARN_CONF_DIR")) {
            String directory = environment.get(variable);
            if (directory != null && !directory.isBlank()) {
                return Path.of(directory.trim());
            }
        }
        throw new ClusterDeploymentException(NO_HADOOP_CONF);
    }

    public Configuration configuration() {
        return new Configuration(configuration);
    }

    public YarnConfiguration yarnConfiguration() {
        return new YarnConfiguration(yarnConfiguration);
    }

    /** A descriptor that deploys new clusters, shipping Spindle's files and the given user jars. */
    public YarnClusterDescriptor deployingDescriptor(List<Path> userJars, DeploymentProgressListener listener)
            throws ClusterDeploymentException {
        String engineJar = configuration.get(YarnConfigOptions.SPINDLE_DIST_JAR);
        ClusterFiles files = SpindleDistribution.locate(environment).clusterFiles(hadoopConfDir, userJars,
                engineJar == null || engineJar.isBlank() ? null : Path.of(engineJar.trim()));
        return new YarnClusterDescriptor(configuration, yarnConfiguration, files, YarnClientFactory.DEFAULT,
                YarnEntrypoints.DEFAULT, listener);
    }

    /** A descriptor for attaching to and killing running clusters only; it ships nothing. */
    public YarnClusterDescriptor attachingDescriptor() {
        return new YarnClusterDescriptor(configuration, yarnConfiguration, new ClusterFiles(List.of(), List.of(), List.of()));
    }
}
