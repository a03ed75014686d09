package io.spindle.yarn.client;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import io.spindle.deployment.YarnDeploymentConstants;
import java.time.Duration;

/**
 * Options of a Spindle cluster deployed onto YARN; the keys are Apache Flink's where the concept is
 * the same. The containers' sizes are the cluster's own {@code jobmanager.memory.process.size} and
 * {@code taskmanager.memory.process.size} ({@link io.spindle.configuration.ClusterOptions}).
 */
public final class YarnConfigOptions {
    private YarnConfigOptions() {}

    public static final ConfigOption<String> APPLICATION_NAME = ConfigOptions.stringOption(
            "yarn.application.name", null,
            "Name of the YARN application; by default 'Spindle session cluster', 'Spindle per-job cluster' or 'Spindle application cluster'.");

    public static final ConfigOption<String> APPLICATION_TYPE = ConfigOptions.stringOption(
            "yarn.application.type", YarnDeploymentConstants.APPLICATION_TYPE,
            "Type YARN lists for the application; retrieving a cluster checks it.");

    public static final ConfigOption<String> APPLICATION_QUEUE = ConfigOptions.stringOption(
            "yarn.application.queue", "default", "YARN queue the application is submitted to.");

    public static final ConfigOption<Integer> APPLICATION_PRIORITY = ConfigOptions.intOption(
            "yarn.application.priority", -1,
            "Priority of the application in its queue (higher runs first); -1 leaves the cluster's default.");

    public static final ConfigOption<String> APPLICATION_TAGS = ConfigOptions.stringOption(
            "yarn.tags", "", "Comma-separated tags of the YARN application, for filtering in 'yarn application -list'.");

    public static final ConfigOption<String> NODE_LABEL = ConfigOptions.stringOption(
            "yarn.application.node-label", null, "Node label expression for the application's containers.");

    public static final ConfigOption<Integer> APPLICATION_ATTEMPTS = ConfigOptions.intOption(
            "yarn.application-attempts", 1,
            "How many times YARN starts the ApplicationMaster; 2 when not set and high-availability.type is zookeeper, "
                    + "1 otherwise. With more than 1, TaskManager containers are kept across attempts.");

    public static final ConfigOption<Duration> APPLICATION_ATTEMPT_FAILURES_VALIDITY_INTERVAL = ConfigOptions.durationOption(
            "yarn.application-attempt-failures-validity-interval", Duration.ofSeconds(10),
            "Only AM failures within this interval count against yarn.application-attempts.");

    public static final ConfigOption<String> STAGING_DIRECTORY = ConfigOptions.stringOption(
            "yarn.staging-directory", null,
            "Directory (a FileSystem URI) under which each application's files are uploaded to .spindle/<application id>; "
                    + "by default the user's home directory in the default FileSystem.");

    public static final ConfigOption<String> PROVIDED_LIB_DIRS = ConfigOptions.stringOption(
            "yarn.provided.lib.dirs", null,
            "Directories on a shared FileSystem (';' or ',' separated) whose files are registered as PUBLIC resources "
                    + "instead of being uploaded; a Spindle lib jar of the same name is then not uploaded. "
                    + "The files must be world-readable.");

    public static final ConfigOption<String> SHIP_FILES = ConfigOptions.stringOption(
            "yarn.ship-files", null,
            "Local files or directories (';' or ',' separated) shipped into every container's working directory under "
                    + "their names (yarn-session.sh -t); shipped jars, and a shipped directory with its jars, are on the "
                    + "class path.");

    public static final ConfigOption<String> SPINDLE_DIST_JAR = ConfigOptions.stringOption(
            "yarn.spindle-dist-jar", null,
            "Local path of the Spindle engine jar (engine-runtime) to ship instead of the installation's "
                    + "(yarn-session.sh -j), as Flink's yarn.flink-dist-jar.");

    public static final ConfigOption<Integer> APP_MASTER_VCORES = ConfigOptions.intOption(
            "yarn.appmaster.vcores", 1, "Virtual cores of the ApplicationMaster's container.");

    public static final ConfigOption<Integer> CONTAINER_VCORES = ConfigOptions.intOption(
            "yarn.containers.vcores", -1,
            "Virtual cores of a TaskManager's container; -1 means one per slot (taskmanager.numberOfTaskSlots).");

    public static final ConfigOption<String> APPLICATION_ID = ConfigOptions.stringOption(
            "yarn.application.id", null, "Id of a running Spindle YARN application to attach to.");

    public static final ConfigOption<String> PROPERTIES_FILE_LOCATION = ConfigOptions.stringOption(
            "yarn.properties-file.location", null,
            "Directory of the .yarn-properties-<user> file in which yarn-session.sh records the running session "
                    + "for later commands; by default java.io.tmpdir.");

    public static final ConfigOption<Duration> DEPLOYMENT_TIMEOUT = ConfigOptions.durationOption(
            "yarn.deployment.timeout", Duration.ofMinutes(5),
            "How long a deployment waits for the application to run and its REST endpoint to answer "
                    + "before it kills the application and fails.");
}
