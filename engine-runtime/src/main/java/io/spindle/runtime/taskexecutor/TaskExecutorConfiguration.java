package io.spindle.runtime.taskexecutor;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings a TaskExecutor starts with.
 *
 * @param fileCacheDirectory where the jobs' cached files are copied, a directory per job
 * @param processMemoryBytes {@code taskmanager.memory.process.size}, as the TaskManager reports it
 */
public record TaskExecutorConfiguration(String resourceId, int numberOfSlots, Duration registrationRetry,
        Duration heartbeatTimeout, Path fileCacheDirectory, long processMemoryBytes) {
    public TaskExecutorConfiguration {
        if (numberOfSlots < 1) {
            throw new IllegalArgumentException("taskmanager.numberOfTaskSlots must be at least 1, was " + numberOfSlots);
        }
    }
}
