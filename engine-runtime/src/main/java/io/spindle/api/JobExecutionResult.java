package io.spindle.api;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a finished job reports: its id, how long it ran, and its counters summed over subtasks. */
public final class JobExecutionResult {
    private final JobID jobId;
    private final long netRuntimeMillis;
    private final Map<String, Long> accumulators;

    private final boolean detached;

    public JobExecutionResult(JobID jobId, long netRuntimeMillis, Map<String, Long> accumulators) {
        this(jobId, netRuntimeMillis, accumulators, false);
    }

    private JobExecutionResult(JobID jobId, long netRuntimeMillis, Map<String, Long> accumulators, boolean detached) {
        this.jobId = jobId;
        this.netRuntimeMillis = netRuntimeMillis;
        this.accumulators = Map.copyOf(accumulators);
        this.detached = detached;
    }

    /** The result of a detached submission: the job runs on, so only its id is known. */
    public static JobExecutionResult detached(JobID jobId) {
        return new JobExecutionResult(jobId, -1, Map.of(), true);
    }

    /** True when the job was submitted detached and this result holds no runtime or accumulators. */
    public boolean isDetached() {
        return detached;
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
        if (detached) {
            return "Job " + jobId + " was submitted detached";
        }
        return "Job " + jobId + " ran " + netRuntimeMillis + " ms" + (accumulators.isEmpty() ? "" : ", accumulators " + accumulators);
    }
}
