package io.spindle.deployment;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.Configuration;
import java.util.List;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;

/**
 * The command line of a Spindle process in a YARN container, the JobManager's and the
 * TaskManagers' alike: the container's JVM with a heap that fits the container, the role's JVM
 * options, a log file in the container's log directory (so {@code yarn logs} shows it), and
 * {@link YarnDeploymentConstants#CONTAINER_BOOTSTRAP} in front of the role's main class.
 */
public final class ContainerCommand {
    /** Hadoop's IPC, Netty and the JobManager reflect into these JDK packages on Java 17. */
    public static final List<String> ADD_OPENS = List.of(
            "java.base/java.lang", "java.base/java.util", "java.base/java.io",
            "java.base/java.net", "java.base/sun.nio.ch", "java.base/java.nio");

    /** A role: the log file's base name, its Log4j configuration and its JVM options key. */
    public enum Role {
        JOB_MANAGER("jobmanager", YarnDeploymentConstants.JOB_MANAGER_LOG_CONFIG, ClusterOptions.JOB_MANAGER_JVM_OPTIONS),
        TASK_MANAGER("taskmanager", YarnDeploymentConstants.TASK_MANAGER_LOG_CONFIG, ClusterOptions.TASK_MANAGER_JVM_OPTIONS);

        private final String logName;
        private final String logConfiguration;
        private final ConfigOption<String> jvmOptions;

        Role(String logName, String logConfiguration, ConfigOption<String> jvmOptions) {
            this.logName = logName;
            this.logConfiguration = logConfiguration;
            this.jvmOptions = jvmOptions;
        }
    }

    private ContainerCommand() {}

    /** The command running {@code mainClass} as {@code role} with the given heap. */
    public static String of(Role role, String mainClass, long heapMb, Configuration configuration) {
        String logDir = ApplicationConstants.LOG_DIR_EXPANSION_VAR;
        StringBuilder command = new StringBuilder()
                .append(Environment.JAVA_HOME.$$()).append("/bin/java")
                .append(" -Xmx").append(heapMb).append('m');
        appendOptions(command, configuration.get(ClusterOptions.JVM_OPTIONS));
        appendOptions(command, configuration.get(role.jvmOptions));
        command.append(" -Dlog.file=").append(logDir).append('/').append(role.logName).append(".log")
                .append(" -Dlog4j.configurationFile=").append(role.logConfiguration);
        for (String opens : ADD_OPENS) {
            command.append(" --add-opens ").append(opens).append("=ALL-UNNAMED");
        }
        return command.append(" -cp ").append(Environment.CLASSPATH.$$())
                .append(' ').append(YarnDeploymentConstants.CONTAINER_BOOTSTRAP)
                .append(' ').append(mainClass)
                .append(" 1> ").append(logDir).append('/').append(role.logName).append(".out")
                .append(" 2> ").append(logDir).append('/').append(role.logName).append(".err")
                .toString();
    }

    private static void appendOptions(StringBuilder command, String options) {
        if (!options.isBlank()) {
            command.append(' ').append(options.trim());
        }
    }
}
