package io.spindle.deployment;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.Configuration;
import java.util.List;

/**
 * The command line of a Spindle process in a YARN container, the JobManager's and the
 * TaskManagers' alike: the container's JVM with a heap that fits the container, the role's JVM
 * options, a log file in the container's log directory (so {@code yarn logs} shows it), and
 * {@link YarnDeploymentConstants#CONTAINER_BOOTSTRAP} in front of the role's main class. The
 * log file is {@code <role>.log} in the container's log directory, so {@code yarn logs} shows it.
 */
public final class ContainerCommand {
    // What the NodeManager expands in a launch command (YARN's ApplicationConstants; engine-runtime
    // keeps clear of YARN's classes): the node's JDK, the container's class path and its log directory.
    private static final String JAVA_HOME = "{{JAVA_HOME}}";
    private static final String CLASSPATH = "{{CLASSPATH}}";
    private static final String LOG_DIR = "<LOG_DIR>";

    /** Hadoop's IPC, Netty and the JobManager reflect into these JDK packages on Java 17. */
    public static final List<String> ADD_OPENS = List.of(
            "java.base/java.lang", "java.base/java.util", "java.base/java.io",
            "java.base/java.net", "java.base/sun.nio.ch", "java.base/java.nio");

    /** A role: the log file's base name (also naming its class-data archive), its Log4j configuration and its JVM options key. */
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

        String logName() {
            return logName;
        }
    }

    private ContainerCommand() {}

    /**
     * Reads every role's JVM options once, so a value YARN could not run (see the options'
     * validators) is reported before anything is deployed.
     */
    public static void checkOptions(Configuration configuration) {
        configuration.get(ClusterOptions.JVM_OPTIONS);
        for (Role role : Role.values()) {
            configuration.get(role.jvmOptions);
        }
    }

    /**
     * The command running {@code mainClass} as {@code role} with the given heap; with a
     * {@code classDataKey} (null for none) the JVM maps or records the node's class-data archive.
     */
    public static String of(Role role, String mainClass, long heapMb, Configuration configuration, String classDataKey) {
        String logDir = LOG_DIR;
        StringBuilder command = new StringBuilder()
                .append(JAVA_HOME).append("/bin/java")
                .append(" -Xmx").append(heapMb).append('m');
        String jvmOptions = (configuration.get(ClusterOptions.JVM_OPTIONS) + ' ' + configuration.get(role.jvmOptions)).trim();
        if (classDataKey != null && ClassDataArchive.suits(heapMb, jvmOptions)) {
            command.append(' ').append(ClassDataArchive.launchOptions(role, classDataKey));
        }
        appendOptions(command, jvmOptions);
        command.append(" -Dlog.file=").append(logDir).append('/').append(role.logName).append(".log")
                .append(" -Dlog4j.configurationFile=").append(role.logConfiguration);
        for (String opens : ADD_OPENS) {
            command.append(" --add-opens ").append(opens).append("=ALL-UNNAMED");
        }
        return command.append(" -cp ").append(CLASSPATH)
                .append(' ').append(YarnDeploymentConstants.CONTAINER_BOOTSTRAP)
                .append(' ').append(mainClass)
                .append(" 1> ").append(logDir).append('/').append(role.logName).append(".out")
                .append(" 2> ").append(logDir).append('/').append(role.logName).append(".err")
                .toString();
    }

    /**
     * The NodeManager writes each environment variable as {@code export NAME="value"} into the
     * container's launch script, so the characters special inside double quotes are escaped to
     * arrive as given.
     */
    public static String escapeForLaunchScript(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"' || c == '`' || c == '$') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static void appendOptions(StringBuilder command, String options) {
        if (!options.isBlank()) {
            command.append(' ').append(options.trim());
        }
    }
}
