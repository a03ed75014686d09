package io.spindle.runtime.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.ha.BlobStore;
import io.spindle.rpc.RpcOptions;
import io.spindle.rpc.RpcService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blobs are kept per job, on the server, in the HA blob store and in a TaskManager's cache, so
 * that the end of one job deletes its jars and not those of another job with the same jar.
 */
class BlobServerTest {
    private static final String JOB_A = "0123456789abcdef0123456789abcdef";
    private static final String JOB_B = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path temp;
    private RpcService rpcService;
    private BlobServer server;
    /** The HA copies, by job and key. */
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        rpcService = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        server = new BlobServer(rpcService, temp.resolve("server"), new BlobStore() {
            @Override
            public void put(String jobId, String key, Path localFile) throws java.io.IOException {
                stored.put(jobId + "/" + key, Files.readAllBytes(localFile));
            }

            @Override
            public boolean get(String jobId, String key, Path localTarget) throws java.io.IOException {
                byte[] bytes = stored.get(jobId + "/" + key);
                if (bytes != null) {
                    Files.write(localTarget, bytes);
                }
                return bytes != null;
            }

            @Override
            public void deleteAll(String jobId) {
                stored.keySet().removeIf(name -> name.startsWith(jobId + "/"));
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        rpcService.close();
    }

    @Test
    void aJobsBlobsGoWithItsCleanupAndAnotherJobsCopyOfTheSameJarStays() throws Exception {
        Path jar = Files.write(temp.resolve("job.jar"), "user code".getBytes());
        String keyA = server.put(JOB_A, jar);
        String keyB = server.put(JOB_B, jar);
        assertThat(keyA).isEqualTo(keyB);
        assertThat(stored).containsOnlyKeys(JOB_A + "/" + keyA, JOB_B + "/" + keyB);

        server.deleteJob(JOB_A);

        assertThat(temp.resolve("server").resolve("job_" + JOB_A)).doesNotExist();
        assertThat(stored).containsOnlyKeys(JOB_B + "/" + keyB);
        assertThat(Files.readString(server.getFile(JOB_B, keyB))).isEqualTo("user code");
        assertThatThrownBy(() -> server.getFile(JOB_A, keyA)).hasMessageContaining("job " + JOB_A + " has no blob");
        server.deleteJob(JOB_A); // a cleanup may run twice
    }

    @Test
    void aBlobAnEarlierLeaderStoredIsServedFromTheBlobStore() throws Exception {
        Path jar = Files.write(temp.resolve("job.jar"), "recovered code".getBytes());
        String key = server.put(JOB_A, jar);
        Files.delete(temp.resolve("server").resolve("job_" + JOB_A).resolve(key));

        assertThat(Files.readString(server.getFile(JOB_A, key))).isEqualTo("recovered code");
    }

    @Test
    void aTaskManagersCopiesAreKeptPerJobAndReleasedWithTheJob() throws Exception {
        Path jar = Files.write(temp.resolve("job.jar"), "downloaded code".getBytes());
        String key = server.put(JOB_A, jar);
        server.put(JOB_B, jar);
        try (BlobCache cache = new BlobCache(rpcService, temp.resolve("taskmanager"))) {
            Path copyA = cache.getFile(JOB_A, key, rpcService.getAddress());
            Path copyB = cache.getFile(JOB_B, key, rpcService.getAddress());
            assertThat(Files.readString(copyA)).isEqualTo("downloaded code");

            cache.releaseJob(JOB_A);

            assertThat(copyA).doesNotExist();
            assertThat(copyB).exists();
        }
        assertThat(temp.resolve("taskmanager")).as("the cache goes with the TaskManager").doesNotExist();
    }

    @Test
    void aJobIdThatIsNotOneIsRefusedBeforeAnyPathIsMade() {
        assertThatThrownBy(() -> server.getFile("../../etc", "0".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a job id");
    }
}
