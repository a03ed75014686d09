package io.spindle.ha;

import io.spindle.runtime.messages.JobResultMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job-result store without high availability: lives as long as the JobManager process, and
 * keeps clean entries too, so that a job id is never run twice by it. Thread-safe.
 */
final class InMemoryJobResultStore implements JobResultStore {
    private final Map<String, JobResultEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized void createDirtyResult(JobResultMessage result) {
        if (entries.containsKey(result.getJobId())) {
            throw new IllegalStateException("Job " + result.getJobId() + " has a result already");
        }
        entries.put(result.getJobId(), new JobResultEntry(result, false));
    }

    @Override
    public synchronized void markResultAsClean(String jobId) {
        JobResultEntry entry = entries.get(jobId);
        if (entry != null) {
            entries.put(jobId, new JobResultEntry(entry.result(), true));
        }
    }

    @Override
    public synchronized Optional<JobResultEntry> find(String jobId) {
        return Optional.ofNullable(entries.get(jobId));
    }

    @Override
    public synchronized List<JobResultEntry> getEntries() {
        return List.copyOf(entries.values());
    }
}
