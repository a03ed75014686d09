package io.spindle.runtime.dispatcher;

import io.spindle.runtime.dispatcher.cleanup.JobCleanup;
import io.spindle.runtime.messages.CleanupLeftover;
import io.spindle.runtime.messages.JobCleanupReport;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.messages.JsonDocument;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The ended jobs a Dispatcher answers for, bounded as Flink's job store: at most
 * {@link JobStoreOptions#MAX_CAPACITY}, each for {@link JobStoreOptions#EXPIRATION_TIME} after it
 * was archived here; the oldest go first. Dispatcher main thread only.
 */
final class CompletedJobArchive {

    /**
     * What stays of an ended job: its result, its last details, exceptions and checkpoint
     * statistics, and its cleanup once that started.
     */
    record ArchivedJob(JobResultMessage result, JobDetailsMessage details, JobExceptionsMessage exceptions,
            JsonDocument checkpointStats, JobCleanup cleanup) {

        /** All that is known of a job whose JobMaster is gone: its result. */
        static ArchivedJob ofResult(JobResultMessage result) {
            return new ArchivedJob(result, JobDetailsMessage.newBuilder().setSummary(JobSummary.newBuilder()
                    .setJobId(result.getJobId()).setName(result.getName()).setStatus(result.getStatus())
                    .setStartTime(result.getStartTime()).setEndTime(result.getEndTime())).build(),
                    JobExceptionsMessage.getDefaultInstance(), JsonDocument.getDefaultInstance(), null);
        }

        ArchivedJob withCleanup(JobCleanup jobCleanup) {
            return new ArchivedJob(result, details, exceptions, checkpointStats, jobCleanup);
        }

        /** The details, with where the cleanup stands. */
        JobDetailsMessage detailsWithCleanup() {
            if (cleanup == null) {
                return details;
            }
            JobCleanup.Report report = cleanup.report();
            JobCleanupReport.Builder proto = JobCleanupReport.newBuilder().setStatus(report.status().name());
            for (JobCleanup.Leftover leftover : report.left()) {
                proto.addLeft(CleanupLeftover.newBuilder().setResource(leftover.resource())
                        .setLocation(leftover.location()).setFailedAttempts(leftover.failedAttempts())
                        .setError(leftover.error()));
            }
            return details.toBuilder().setCleanup(proto).build();
        }
    }

    private record Entry(ArchivedJob job, long archivedAtMillis) {}

    private final int maxCapacity;
    private final long expirationMillis;
    private final LongSupplier clockMillis;
    private final Map<String, Entry> jobs = new LinkedHashMap<>();

    CompletedJobArchive(JobStoreOptions.Limits limits, LongSupplier clockMillis) {
        if (limits.maxCapacity() < 1) {
            throw new IllegalArgumentException(JobStoreOptions.MAX_CAPACITY.key() + " must be at least 1, not "
                    + limits.maxCapacity());
        }
        this.maxCapacity = limits.maxCapacity();
        this.expirationMillis = limits.expiration().toMillis();
        this.clockMillis = clockMillis;
    }

    /** Archives the job, as the newest; the oldest beyond the capacity go. */
    void put(String jobId, ArchivedJob job) {
        jobs.remove(jobId);
        jobs.put(jobId, new Entry(job, clockMillis.getAsLong()));
        evict();
    }

    /** Replaces the archived job, keeping its age; does nothing when it is gone. */
    void update(String jobId, ArchivedJob job) {
        jobs.computeIfPresent(jobId, (id, entry) -> new Entry(job, entry.archivedAtMillis()));
    }

    /** The archived job, or null when it never was or is gone. */
    ArchivedJob get(String jobId) {
        evict();
        Entry entry = jobs.get(jobId);
        return entry == null ? null : entry.job();
    }

    boolean contains(String jobId) {
        return get(jobId) != null;
    }

    /** The archived jobs, oldest first. */
    List<ArchivedJob> all() {
        evict();
        return jobs.values().stream().map(Entry::job).toList();
    }

    private void evict() {
        long now = clockMillis.getAsLong();
        for (Iterator<Entry> it = jobs.values().iterator(); it.hasNext(); ) {
            Entry oldest = it.next();
            if (jobs.size() <= maxCapacity && now - oldest.archivedAtMillis() < expirationMillis) {
                return; // insertion order is archive order: the rest are younger
            }
            it.remove();
        }
    }
}
