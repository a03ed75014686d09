package io.spindle.yarn.appmaster;

import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.yarn.appmaster.resources.TaskManagerLaunchContextFactory;
import io.spindle.yarn.appmaster.resources.TaskManagerResourceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.ApplicationConstants;
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

    TaskManagerContainers(ContainerEnvironment amEnvironment, String jobManagerAddress) {
        this.shippedFiles = ShippedFiles.parse(amEnvironment.get(YarnDeploymentConstants.ENV_SHIPPED_FILES));
        this.environment = new HashMap<>();
        environment.put("CLASSPATH", amEnvironment.require(YarnDeploymentConstants.ENV_CLASSPATH));
        environment.put(YarnDeploymentConstants.ENV_CLASSPATH, amEnvironment.require(YarnDeploymentConstants.ENV_CLASSPATH));
        environment.put(YarnDeploymentConstants.ENV_JOB_MANAGER_ADDRESS, jobManagerAddress);
        String dynamic = amEnvironment.get(YarnDeploymentConstants.ENV_DYNAMIC_PROPERTIES);
        if (dynamic != null) {
            environment.put(YarnDeploymentConstants.ENV_DYNAMIC_PROPERTIES, dynamic);
        }
        String javaHome = amEnvironment.get("JAVA_HOME");
        environment.put("JAVA_HOME", javaHome != null ? javaHome : System.getProperty("java.home"));
        String hadoopConf = amEnvironment.get("HADOOP_CONF_DIR");
        if (hadoopConf != null) {
            environment.put("HADOOP_CONF_DIR", hadoopConf);
        }
    }

    @Override
    public ContainerLaunchContext create(Container container, TaskManagerResourceSpec spec) {
        String logDir = ApplicationConstants.LOG_DIR_EXPANSION_VAR;
        String command = ApplicationConstants.Environment.JAVA_HOME.$$() + "/bin/java"
                + " -Xmx" + (long) (spec.memoryMb() * HEAP_FRACTION) + "m"
                + " -Dlog.file=" + logDir + "/" + YarnDeploymentConstants.TASK_MANAGER_LOG
                + " -Dlog4j.configurationFile=" + YarnDeploymentConstants.TASK_MANAGER_LOG_CONFIG
                + " " + String.join(" ", JvmOptions.ADD_OPENS)
                + " " + YarnDeploymentConstants.TASK_MANAGER_RUNNER
                + " 1> " + logDir + "/taskmanager.out 2> " + logDir + "/taskmanager.err";
        return ContainerLaunchContext.newInstance(shippedFiles, environment, List.of(command), null, null, null);
    }
}
