package io.spindle.yarn.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Finds the Hadoop configuration of the cluster to deploy onto: {@code core-site.xml},
 * {@code hdfs-site.xml} and {@code yarn-site.xml} from {@code HADOOP_CONF_DIR} (or
 * {@code YARN_CONF_DIR}) or from a directory given explicitly.
 */
public final class HadoopConfigurations {
    static final List<String> SITE_FILES = List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml");
    static final String NOT_FOUND = "No Hadoop configuration found: set HADOOP_CONF_DIR (or YARN_CONF_DIR) to your "
            + "cluster's configuration directory, or start the local sandbox with scripts/local-hadoop.sh start";

    private HadoopConfigurations() {}

    /** Loads the configuration from the directory named by {@code HADOOP_CONF_DIR}, else {@code YARN_CONF_DIR}. */
    public static YarnConfiguration load() throws ClusterDeploymentException {
        return load(System.getenv());
    }

    /** Like {@link #load()}, reading the variables from the given environment. */
    public static YarnConfiguration load(Map<String, String> environment) throws ClusterDeploymentException {
        for (String variable : List.of("HADOOP_CONF_DIR", "YARN_CONF_DIR")) {
            String directory = environment.get(variable);
            if (directory != null && !directory.isBlank()) {
                return loadFrom(Path.of(directory.trim()), variable);
            }
        }
        throw new ClusterDeploymentException(NOT_FOUND);
    }

    /** Loads the site files found in an explicit configuration directory. */
    public static YarnConfiguration load(Path configurationDirectory) throws ClusterDeploymentException {
        return loadFrom(configurationDirectory, "the Hadoop configuration directory");
    }

    private static YarnConfiguration loadFrom(Path directory, String origin) throws ClusterDeploymentException {
        if (!Files.isDirectory(directory)) {
            throw new ClusterDeploymentException("The Hadoop configuration directory " + directory + " (from " + origin
                    + ") does not exist: point it at your cluster's configuration directory, or start the local "
                    + "sandbox with scripts/local-hadoop.sh start");
        }
        YarnConfiguration configuration = new YarnConfiguration();
        boolean found = false;
        for (String siteFile : SITE_FILES) {
            Path file = directory.resolve(siteFile);
            if (Files.isRegularFile(file)) {
                configuration.addResource(new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri()));
                found = true;
            }
        }
        if (!found) {
            throw new ClusterDeploymentException("The Hadoop configuration directory " + directory + " (from " + origin
                    + ") holds none of " + String.join(", ", SITE_FILES)
                    + ": point it at your cluster's configuration directory");
        }
        return configuration;
    }
}
