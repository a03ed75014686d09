package io.spindle.runtime.taskexecutor;

import java.time.Duration;

/** The settings a TaskExecutor starts with. */
public record TaskExecutorConfiguration(String resourceId, int numberOfSlots, Duration registrationRetry, Duration heartbeatTimeout) {
    public TaskExecutorConfiguration {
        if (numberOfSlots < 1) {
            throw new IllegalArgumentException("taskmanager.numberOfTaskSlots must be at least 1, was " + numberOfSlots);
        }
    }
}
