package io.spindle.runtime.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.dispatcher.CompletedJobArchive.ArchivedJob;
import io.spindle.runtime.messages.JobResultMessage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bounds of the ended jobs a Dispatcher holds, on a clock the test moves. */
class CompletedJobArchiveTest {
    private final AtomicLong now = new AtomicLong(1_000);

    private static ArchivedJob job(String id) {
        return ArchivedJob.ofResult(JobResultMessage.newBuilder().setJobId(id).setName(id).setStatus("FINISHED").build());
    }

    @Test
    void beyondItsCapacityTheOldestJobsGoFirst() {
        CompletedJobArchive archive = new CompletedJobArchive(new JobStoreOptions.Limits(2, Duration.ofHours(1)), now::get);
        archive.put("a", job("a"));
        archive.put("b", job("b"));
        archive.put("c", job("c"));

        assertThat(archive.contains("a")).isFalse();
        assertThat(archive.all()).extracting(archived -> archived.result().getJobId()).containsExactly("b", "c");
    }

    @Test
    void aJobGoesOnceItsExpirationTimeHasPassedSinceItWasArchived() {
        CompletedJobArchive archive = new CompletedJobArchive(
                new JobStoreOptions.Limits(Integer.MAX_VALUE, Duration.ofMinutes(10)), now::get);
        archive.put("a", job("a"));
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        archive.put("b", job("b"));
        archive.update("a", job("a"));

        now.addAndGet(Duration.ofMinutes(4).toMillis());

        assertThat(archive.get("a")).as("updating a job does not make it younger").isNull();
        assertThat(archive.get("b")).isNotNull();
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        assertThat(archive.all()).isEmpty();
    }

    @Test
    void theLimitsAreReadWithFlinksKeysAndAPlainExpirationCountsSeconds() {
        Configuration configuration = new Configuration();
        configuration.setString("jobstore.max-capacity", "7");
        configuration.setString("jobstore.expiration-time", "90");

        assertThat(JobStoreOptions.Limits.fromConfiguration(configuration))
                .isEqualTo(new JobStoreOptions.Limits(7, Duration.ofSeconds(90)));
        assertThat(JobStoreOptions.Limits.fromConfiguration(new Configuration()))
                .isEqualTo(new JobStoreOptions.Limits(Integer.MAX_VALUE, Duration.ofHours(1)));
        assertThatThrownBy(() -> new CompletedJobArchive(new JobStoreOptions.Limits(0, Duration.ofHours(1)), now::get))
                .hasMessageContaining("jobstore.max-capacity");
    }
}
