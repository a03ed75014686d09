package io.spindle.runtime.entrypoint;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.ha.HighAvailabilityServicesLoader;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import io.spindle.runtime.taskexecutor.TaskManagerRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TaskManager process of a standalone cluster ({@code scripts/taskmanager.sh}):
 * {@code --configDir <dir> [-Dkey=value]...}. Finds the JobManager at
 * {@code jobmanager.rpc.address}:{@code jobmanager.rpc.port}, registers again whenever it comes
 * back, and runs until the cluster is shut down or SIGTERM.
 */
public final class TaskManagerEntrypoint {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManagerEntrypoint.class);

    private TaskManagerEntrypoint() {}

    public static void main(String[] args) {
        Configuration configuration = EntrypointSupport.loadOrExit(args, "TaskManager");
        String jobManager = configuration.get(ClusterOptions.JOB_MANAGER_RPC_ADDRESS) + ":"
                + configuration.get(ClusterOptions.JOB_MANAGER_RPC_PORT);
        String resourceId = configuration.contains(TaskExecutorOptions.RESOURCE_ID)
                ? configuration.get(TaskExecutorOptions.RESOURCE_ID)
                : JobManagerProcess.processResourceId(configuration.get(TaskExecutorOptions.HOST));
        TaskManagerRunner taskManager;
        try {
            taskManager = new TaskManagerRunner(configuration,
                    HighAvailabilityServicesLoader.load(configuration, jobManager), resourceId);
            taskManager.start();
        } catch (Exception e) {
            EntrypointSupport.exitWithError("The TaskManager could not start", e);
            return;
        }
        LOG.info("TaskManager {} started; JobManager expected at {}", resourceId, jobManager);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(taskManager), "taskmanager-shutdown"));
        taskManager.getTaskExecutor().getShutDownRequest().join();
        LOG.info("TaskManager {} stops: the cluster is shutting down", resourceId);
        closeQuietly(taskManager);
        System.exit(0);
    }

    private static void closeQuietly(TaskManagerRunner taskManager) {
        try {
            taskManager.close();
        } catch (Exception e) {
            LOG.warn("Closing the TaskManager failed", e);
        }
    }
}
