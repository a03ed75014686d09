package io.spindle.yarn.appmaster;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.ContainerCommand;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.yarn.appmaster.resources.TaskManagerLaunchContextFactory;
import io.spindle.yarn.appmaster.resources.TaskManagerResourceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;

/**
 * Launch contexts of TaskManager containers: the same shipped files and class path as the AM,
 * the JobManager's address, and a JVM whose heap fits the container, logging to
 * {@code taskmanager.log} in the container's log directory.
 */
final class TaskManagerContainers implements TaskManagerLaunchContextFactory {
    /** The heap's share of the container; the rest covers metaspace, threads, network buffers. */
    static final double HEAP_FRACTION = 0.7;

    private final Map<String, LocalResource> shippedFiles;
    private final Map<String, String> environment;
    private final Configuration configuration;

    TaskManagerContainers(ContainerEnvironment amEnvironment, String jobManagerAddress, Configuration configuration) {
        this.configuration = configuration;
        this.shippedFiles = ShippedFiles.parse(amEnvironment.get(YarnDeploymentConstants.ENV_SHIPPED_FILES));
        this.environment = new HashMap<>();
        environment.put("CLASSPATH", amEnvironment.require(YarnDeploymentConstants.ENV_CLASSPATH));
        environment.put(YarnDeploymentConstants.ENV_CLASSPATH, amEnvironment.require(YarnDeploymentConstants.ENV_CLASSPATH));
        environment.put(YarnDeploymentConstants.ENV_JOB_MANAGER_ADDRESS, jobManagerAddress);
        for (String passedOn : List.of(YarnDeploymentConstants.ENV_DYNAMIC_PROPERTIES, YarnDeploymentConstants.ENV_INLINE_FILES,
                YarnDeploymentConstants.ENV_CLASS_DATA_KEY)) {
            String value = amEnvironment.get(passedOn);
            if (value != null) {
                environment.put(passedOn, value);
            }
        }
        // The AM received these values unescaped; the TaskManagers' launch scripts need them escaped again.
        environment.replaceAll((name, value) -> name.startsWith("_SPINDLE_") ? ContainerCommand.escapeForLaunchScript(value) : value);
        String javaHome = amEnvironment.get("JAVA_HOME");
        environment.put("JAVA_HOME", javaHome != null ? javaHome : System.getProperty("java.home"));
        String hadoopConf = amEnvironment.get("HADOOP_CONF_DIR");
        if (hadoopConf != null) {
            environment.put("HADOOP_CONF_DIR", hadoopConf);
        }
    }

    @Override
    public ContainerLaunchContext create(Container container, TaskManagerResourceSpec spec) {
        String command = ContainerCommand.of(ContainerCommand.Role.TASK_MANAGER, YarnDeploymentConstants.TASK_MANAGER_RUNNER,
                (long) (spec.memoryMb() * HEAP_FRACTION), configuration, environment.get(YarnDeploymentConstants.ENV_CLASS_DATA_KEY));
        return ContainerLaunchContext.newInstance(shippedFiles, environment, List.of(command), null, null, null);
    }
}
