package io.spindle.runtime.dispatcher.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.messages.JobResultMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One job's cleanup, step by step, on a direct I/O executor and a retry scheduler the test runs by hand. */
class JobCleanupTest {
    private static final JobResultMessage JOB = JobResultMessage.newBuilder()
            .setJobId("0123456789abcdef0123456789abcdef").setName("job").setStatus("FINISHED").build();

    private final List<String> deleted = new ArrayList<>();
    private final ManualRetries retries = new ManualRetries();

    /** Pauses kept in order; the test ends one with {@link #runNext()}. */
    private static final class ManualRetries implements RetryScheduler {
        final Deque<Runnable> pending = new ArrayDeque<>();
        final List<Duration> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable task, Duration delay) {
            pending.add(task);
            delays.add(delay);
        }

        void runNext() {
            pending.removeFirst().run();
        }
    }

    private JobResourceCleaner cleaner(String resource) {
        return JobResourceCleaner.of(resource, job -> "/" + resource + "/" + job.getJobId(), job -> deleted.add(resource));
    }

    /** Fails its first {@code failures} attempts. */
    private JobResourceCleaner failing(String resource, int failures) {
        AtomicInteger attempts = new AtomicInteger();
        return JobResourceCleaner.of(resource, job -> "hdfs:///" + resource, job -> {
            if (attempts.incrementAndGet() <= failures) {
                throw new IOException("NameNode unreachable (attempt " + attempts.get() + ")");
            }
            deleted.add(resource);
        });
    }

    @Test
    void stepsRunInOrderAndTheCleanupCompletes() {
        JobCleanup cleanup = JobCleanup.start(JOB, List.of(cleaner("blobs"), cleaner("checkpoints"), cleaner("entry")),
                CleanupRetryStrategy.none(), Runnable::run, retries);

        assertThat(deleted).containsExactly("blobs", "checkpoints", "entry");
        assertThat(cleanup.result()).isCompletedWithValueMatching(report -> report.status() == JobCleanup.Status.COMPLETED);
        assertThat(cleanup.report().left()).isEmpty();
        assertThat(retries.pending).isEmpty();
    }

    @Test
    void aFailedStepIsRetriedAfterThePausesOfTheStrategyAndTheLaterStepsWaitForIt() {
        JobCleanup cleanup = JobCleanup.start(JOB, List.of(cleaner("blobs"), failing("checkpoints", 2), cleaner("entry")),
                CleanupRetryStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofMinutes(1), Integer.MAX_VALUE),
                Runnable::run, retries);

        assertThat(deleted).containsExactly("blobs");
        assertThat(cleanup.result()).isNotDone();
        JobCleanup.Report report = cleanup.report();
        assertThat(report.status()).isEqualTo(JobCleanup.Status.IN_PROGRESS);
        assertThat(report.left()).containsExactly(
                new JobCleanup.Leftover("checkpoints", "hdfs:///checkpoints", 1,
                        "java.io.IOException: NameNode unreachable (attempt 1)"),
                new JobCleanup.Leftover("entry", "/entry/" + JOB.getJobId(), 0, ""));

        retries.runNext();
        assertThat(deleted).containsExactly("blobs");
        assertThat(cleanup.report().left().get(0).failedAttempts()).isEqualTo(2);

        retries.runNext();
        assertThat(deleted).containsExactly("blobs", "checkpoints", "entry");
        assertThat(retries.delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(cleanup.result()).isCompletedWithValueMatching(done -> done.status() == JobCleanup.Status.COMPLETED);
    }

    @Test
    void afterTheLastAttemptTheReportSaysWhatIsLeftAndWhere() {
        JobCleanup cleanup = JobCleanup.start(JOB, List.of(failing("checkpoints", Integer.MAX_VALUE), cleaner("entry")),
                CleanupRetryStrategy.fixedDelay(1, Duration.ofSeconds(3)), Runnable::run, retries);
        retries.runNext();

        assertThat(retries.pending).as("no attempt after the last").isEmpty();
        assertThat(deleted).isEmpty();
        assertThat(cleanup.result()).isCompletedWithValueMatching(report -> report.status() == JobCleanup.Status.FAILED);
        assertThat(cleanup.report().left()).extracting(JobCleanup.Leftover::resource, JobCleanup.Leftover::location,
                        JobCleanup.Leftover::failedAttempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("checkpoints", "hdfs:///checkpoints", 2),
                        org.assertj.core.groups.Tuple.tuple("entry", "/entry/" + JOB.getJobId(), 0));
    }

    @Test
    void aCancelledCleanupStartsNoFurtherAttemptAndNeverCompletes() {
        JobCleanup cleanup = JobCleanup.start(JOB, List.of(failing("checkpoints", 1), cleaner("entry")),
                CleanupRetryStrategy.fixedDelay(5, Duration.ofSeconds(1)), Runnable::run, retries);

        cleanup.cancel();
        retries.runNext();

        assertThat(deleted).isEmpty();
        assertThat(cleanup.result()).isNotDone();
    }
}
