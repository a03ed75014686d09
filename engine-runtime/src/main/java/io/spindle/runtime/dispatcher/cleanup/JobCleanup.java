package io.spindle.runtime.dispatcher.cleanup;

import io.spindle.runtime.messages.JobResultMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cleanup of one ended job: its {@link JobResourceCleaner}s in order, each tried until it
 * succeeds or the {@link CleanupRetryStrategy} gives up, the next one only after it. The order
 * matters: the records that tell a later leader what to clean (the job graph, the job-result
 * entry) go last. Steps run on the I/O executor, pauses on the retry scheduler; the
 * {@link #report()} may be read from any thread.
 */
public final class JobCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(JobCleanup.class);

    /** Where a cleanup stands, in the words of Flink's asynchronous operations. */
    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    /**
     * A step not done yet: what it deletes, where, how often it failed and why, last.
     *
     * @param error empty for a step not tried yet
     */
    public record Leftover(String resource, String location, int failedAttempts, String error) {}

    /** @param left the steps not done, in the order they run */
    public record Report(Status status, List<Leftover> left) {}

    private final JobResultMessage job;
    private final List<JobResourceCleaner> steps;
    private final CleanupRetryStrategy retryStrategy;
    private final Executor io;
    private final RetryScheduler retryScheduler;
    private final CompletableFuture<Report> done = new CompletableFuture<>();
    /** The step that runs next, and its failures so far: touched by one attempt at a time. */
    private int step;
    private int failedAttempts;
    private String lastError = "";
    private volatile Report report;
    private volatile boolean cancelled;

    private JobCleanup(JobResultMessage job, List<JobResourceCleaner> steps, CleanupRetryStrategy retryStrategy,
            Executor io, RetryScheduler retryScheduler) {
        this.job = job;
        this.steps = List.copyOf(steps);
        this.retryStrategy = retryStrategy;
        this.io = io;
        this.retryScheduler = retryScheduler;
        this.report = new Report(Status.IN_PROGRESS, leftovers());
    }

    /** Starts the cleanup of {@code job}: its first step is handed to {@code io} at once. */
    public static JobCleanup start(JobResultMessage job, List<JobResourceCleaner> steps,
            CleanupRetryStrategy retryStrategy, Executor io, RetryScheduler retryScheduler) {
        JobCleanup cleanup = new JobCleanup(job, steps, retryStrategy, io, retryScheduler);
        cleanup.runOnIo();
        return cleanup;
    }

    /** Completes with the final report: COMPLETED, or FAILED once the strategy gave up. Never on cancel. */
    public CompletableFuture<Report> result() {
        return done;
    }

    public Report report() {
        return report;
    }

    /** No further attempt starts: this JobManager stops leading, and the next leader takes over. */
    public void cancel() {
        cancelled = true;
    }

    private void runOnIo() {
        try {
            io.execute(this::attempt);
        } catch (RejectedExecutionException stopping) {
            LOG.info("The cleanup of job {} stops with this JobManager; the next leader resumes it", job.getJobId());
        }
    }

    private synchronized void attempt() {
        while (!cancelled && step < steps.size()) {
            JobResourceCleaner cleaner = steps.get(step);
            try {
                cleaner.cleanUp(job);
            } catch (Exception e) {
                failedAttempts++;
                lastError = e.toString();
                retryLater(cleaner, e);
                return;
            }
            step++;
            failedAttempts = 0;
            lastError = "";
            report = new Report(Status.IN_PROGRESS, leftovers());
        }
        if (!cancelled) {
            report = new Report(Status.COMPLETED, List.of());
            done.complete(report);
        }
    }

    private void retryLater(JobResourceCleaner cleaner, Exception failure) {
        Optional<Duration> delay = retryStrategy.delayAfter(failedAttempts);
        if (delay.isEmpty()) {
            report = new Report(Status.FAILED, leftovers());
            LOG.error("Gave up cleaning up job '{}' ({}) after {} failed attempt(s) to delete its {} at {}; its job-result"
                    + " entry stays dirty and the next leader tries again. Left: {}", job.getName(), job.getJobId(),
                    failedAttempts, cleaner.resource(), cleaner.location(job), describe(report.left()), failure);
            done.complete(report);
            return;
        }
        report = new Report(Status.IN_PROGRESS, leftovers());
        LOG.warn("Could not delete the {} of job {} at {} (attempt {}): {}; trying again in {}", cleaner.resource(),
                job.getJobId(), cleaner.location(job), failedAttempts, failure.toString(), delay.get());
        try {
            retryScheduler.schedule(this::runOnIo, delay.get());
        } catch (RejectedExecutionException stopping) {
            LOG.info("The cleanup of job {} stops with this JobManager; the next leader resumes it", job.getJobId());
        }
    }

    private List<Leftover> leftovers() {
        List<Leftover> left = new ArrayList<>();
        for (int i = step; i < steps.size(); i++) {
            JobResourceCleaner cleaner = steps.get(i);
            left.add(i == step ? new Leftover(cleaner.resource(), cleaner.location(job), failedAttempts, lastError)
                    : new Leftover(cleaner.resource(), cleaner.location(job), 0, ""));
        }
        return left;
    }

    private static String describe(List<Leftover> left) {
        StringBuilder text = new StringBuilder();
        for (Leftover leftover : left) {
            text.append(text.length() == 0 ? "" : "; ").append(leftover.resource()).append(" at ").append(leftover.location());
        }
        return text.toString();
    }
}
