package io.spindle.yarn.appmaster;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.ClassDataArchive;
import io.spindle.deployment.ContainerCommand;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.ha.HighAvailabilityServicesLoader;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import io.spindle.runtime.taskexecutor.TaskManagerRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TaskManager in a YARN container: its resource id is the container id (so the AM can match
 * it to its container), and it registers with the JobManager whose address the AM set.
 */
public final class YarnTaskManagerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(YarnTaskManagerRunner.class);

    private YarnTaskManagerRunner() {}

    public static void main(String[] args) {
        try {
            ContainerEnvironment environment = ContainerEnvironment.current();
            Configuration configuration = environment.loadConfiguration();
            configuration.setString(TaskExecutorOptions.HOST.key(), environment.host());
            String resourceId = environment.containerId();
            String jobManager = environment.require(YarnDeploymentConstants.ENV_JOB_MANAGER_ADDRESS);
            TaskManagerRunner taskManager = new TaskManagerRunner(configuration,
                    HighAvailabilityServicesLoader.load(configuration, jobManager), resourceId);
            taskManager.start();
            LOG.info("TaskManager {} started in its container; JobManager at {}", resourceId, jobManager);
            ClassDataArchive.ofContainer(ContainerCommand.Role.TASK_MANAGER).ifPresent(archive -> {
                LOG.info(archive.describe());
                archive.maintainInBackground(taskManager.getTaskExecutor().getFirstTaskEnded());
            });
            taskManager.getTaskExecutor().getShutDownRequest().join();
            taskManager.close();
            System.exit(0);
        } catch (Throwable t) {
            LOG.error("The TaskManager failed", t);
            System.exit(1);
        }
    }
}
