package io.spindle.yarn.client;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;

/**
 * The sizes of a cluster to deploy: the JobManager's (ApplicationMaster's) container memory, a
 * TaskManager's container memory and the slots of a TaskManager.
 */
public record ClusterSpecification(int jobManagerMemoryMb, int taskManagerMemoryMb, int slotsPerTaskManager) {
    public ClusterSpecification {
        if (jobManagerMemoryMb <= 0 || taskManagerMemoryMb <= 0) {
            throw new IllegalArgumentException("JobManager and TaskManager memory must be positive, were "
                    + jobManagerMemoryMb + " MB and " + taskManagerMemoryMb + " MB");
        }
        if (slotsPerTaskManager <= 0) {
            throw new IllegalArgumentException("taskmanager.numberOfTaskSlots must be at least 1, was " + slotsPerTaskManager);
        }
    }

    /** Reads {@code jobmanager.memory.process.size}, {@code taskmanager.memory.process.size} and {@code taskmanager.numberOfTaskSlots}. */
    public static ClusterSpecification fromConfiguration(Configuration configuration) {
        return new ClusterSpecification(
                Math.toIntExact(configuration.get(ClusterOptions.JOB_MANAGER_PROCESS_MEMORY).getMebiBytes()),
                Math.toIntExact(configuration.get(ClusterOptions.TASK_MANAGER_PROCESS_MEMORY).getMebiBytes()),
                configuration.get(TaskExecutorOptions.NUM_TASK_SLOTS));
    }
}
