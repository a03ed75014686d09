package io.spindle.runtime.tasks;

import java.util.Map;

/** Told when a task reaches a state the JobMaster must know (called from the task thread). */
public interface TaskStateListener {
    void onRunning(String executionId);

    void onFinished(String executionId, Map<String, Long> counters);

    void onCanceled(String executionId);

    void onFailed(String executionId, Throwable cause);
}
