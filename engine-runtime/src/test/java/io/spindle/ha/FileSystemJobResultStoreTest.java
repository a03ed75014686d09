package io.spindle.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.SerializedFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job-result store on a real (local) Hadoop file system, laid out as Flink's. */
class FileSystemJobResultStoreTest {
    private static final String JOB = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path storage;

    private Configuration configuration(boolean deleteOnCommit) {
        return new Configuration()
                .set(HighAvailabilityOptions.STORAGE_DIR, storage.toUri().toString())
                .set(HighAvailabilityOptions.CLUSTER_ID, "/application_1_0001")
                .set(JobResultStoreOptions.DELETE_ON_COMMIT, deleteOnCommit);
    }

    private static JobResultMessage failed() {
        return JobResultMessage.newBuilder().setJobId(JOB).setName("counts").setStatus("FAILED")
                .setStartTime(1000).setEndTime(2500).putAccumulators("records", 42)
                .setFailure(SerializedFailure.newBuilder().setClassName("java.lang.IllegalStateException")
                        .setMessage("boom").setStackTrace("at x").setJavaSerialized(ByteString.copyFrom(new byte[] {1, 2})))
                .build();
    }

    @Test
    void aDirtyEntryLivesUnderTheStorageDirectoryUntilItIsMarkedCleanAndThenGoes() throws Exception {
        FileSystemJobResultStore store = FileSystemJobResultStore.create(configuration(true));
        Path directory = storage.resolve("job-result-store").resolve("application_1_0001");

        store.createDirtyResult(failed());

        assertThat(directory.resolve(JOB + "_DIRTY.json")).exists();
        assertThat(Files.readString(directory.resolve(JOB + "_DIRTY.json"))).contains("\"version\" : 1");
        assertThat(store.find(JOB)).hasValueSatisfying(entry -> {
            assertThat(entry.clean()).isFalse();
            assertThat(entry.result()).isEqualTo(failed());
        });
        assertThat(store.getEntries()).containsExactly(new JobResultStore.JobResultEntry(failed(), false));

        store.markResultAsClean(JOB);
        assertThat(store.find(JOB)).isEmpty();
        assertThat(store.getEntries()).isEmpty();
        try (var files = Files.list(directory)) {
            assertThat(files).as("nothing left, no temporary file either").isEmpty();
        }
        store.markResultAsClean(JOB); // the cleanup of a job may be reported twice; nothing is left to do
    }

    @Test
    void withoutDeleteOnCommitTheCleanEntryStaysAndTheJobIdStaysTaken() throws Exception {
        FileSystemJobResultStore store = FileSystemJobResultStore.create(configuration(false));
        store.createDirtyResult(failed());
        store.markResultAsClean(JOB);

        assertThat(storage.resolve("job-result-store/application_1_0001/" + JOB + ".json")).exists();
        assertThat(store.find(JOB)).hasValueSatisfying(entry -> assertThat(entry.clean()).isTrue());
        assertThatThrownBy(() -> store.createDirtyResult(failed())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(JOB);
        // A new JobManager over the same directory sees the same.
        assertThat(FileSystemJobResultStore.create(configuration(false)).find(JOB)).isPresent();
    }

    @Test
    void badUseAndBadEntriesAreNamed() throws Exception {
        FileSystemJobResultStore store = FileSystemJobResultStore.create(configuration(true));
        store.markResultAsClean(JOB); // no entry: nothing to do
        assertThat(store.find(JOB)).isEmpty();
        Path entry = storage.resolve("job-result-store/application_1_0001/" + JOB + "_DIRTY.json");
        Files.writeString(entry, "{\"version\": 7}");
        assertThatThrownBy(() -> store.find(JOB)).hasMessageContaining(JOB + "_DIRTY.json")
                .hasMessageContaining("not of version 1");
        assertThatThrownBy(() -> FileSystemJobResultStore.create(new Configuration()))
                .hasMessageContaining("job-result-store.storage-path").hasMessageContaining("high-availability.storageDir");
    }

    @Test
    void anExplicitStoragePathWins() throws Exception {
        Path elsewhere = storage.resolve("results");
        FileSystemJobResultStore store = FileSystemJobResultStore.create(configuration(true)
                .set(JobResultStoreOptions.STORAGE_PATH, elsewhere.toUri().toString()));
        store.createDirtyResult(failed());
        assertThat(elsewhere.resolve(JOB + "_DIRTY.json")).exists();
    }
}
