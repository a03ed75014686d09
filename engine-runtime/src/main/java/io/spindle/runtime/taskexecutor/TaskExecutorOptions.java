package io.spindle.runtime.taskexecutor;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;
import java.time.Duration;

/** Options of TaskManagers. */
public final class TaskExecutorOptions {
    private TaskExecutorOptions() {}

    public static final ConfigOption<Integer> NUM_TASK_SLOTS = ConfigOptions.intOption(
            "taskmanager.numberOfTaskSlots", 1,
            "Number of slots of a TaskManager; each slot runs one parallel instance of every vertex of a job.");

    public static final ConfigOption<String> HOST = ConfigOptions.stringOption(
            "taskmanager.host", "127.0.0.1", "Address the TaskManager's RPC and data servers bind to.");

    public static final ConfigOption<String> RESOURCE_ID = ConfigOptions.stringOption(
            "taskmanager.resource-id", null,
            "Identity of the TaskManager in the cluster; by default its host and process id (on YARN: its container id).");

    public static final ConfigOption<Duration> REGISTRATION_RETRY = ConfigOptions.durationOption(
            "taskmanager.registration.retry", Duration.ofMillis(200),
            "Pause between attempts to register with the ResourceManager.");
}
