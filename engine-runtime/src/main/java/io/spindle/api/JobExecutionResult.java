package io.spindle.api;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a finished job reports: its id, how long it ran, and its counters summed over subtasks. */
public final class JobExecutionResult {
    private final JobID jobId;
    private final long netRuntimeMillis;
    private final Map<String, Long> accumulators;

    public JobExecutionResult(JobID jobId, long netRuntimeMillis, Map<String, Long> accumulators) {
        this.jobId = jobId;
        this.netRuntimeMillis = netRuntimeMillis;
        this.accumulators = Map.copyOf(accumulators);
    }

    public JobID getJobID() {
        return jobId;
    }

    public long getNetRuntime() {
        return netRuntimeMillis;
    }

    public long getNetRuntime(TimeUnit unit) {
        return unit.convert(netRuntimeMillis, TimeUnit.MILLISECONDS);
    }

    /** The summed counter, or null when no subtask created it. */
    public Long getAccumulatorResult(String name) {
        return accumulators.get(name);
    }

    public Map<String, Long> getAllAccumulatorResults() {
        return accumulators;
    }

    @Override
    public String toString() {
        return "Job " + jobId + " ran " + netRuntimeMillis + " ms" + (accumulators.isEmpty() ? "" : ", accumulators " + accumulators);
    }
}
