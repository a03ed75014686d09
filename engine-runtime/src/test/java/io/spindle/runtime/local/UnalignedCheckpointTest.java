package io.spindle.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.api.JobClient;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.MapFunction;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under backpressure (a slow operator behind a keyed exchange, the network queues full), an
 * aligned checkpoint waits until its barriers got through the queued records, while an unaligned
 * one overtakes them and stores them as in-flight data. Compared within one run, on one machine.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnalignedCheckpointTest {
    private static final String PAYLOAD = "x".repeat(100);
    private static LocalCluster cluster;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(2, 2, new Configuration());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void underBackpressureUnalignedCheckpointsOvertakeTheQueuesThatAlignedOnesWaitFor() throws Exception {
        JsonNode aligned = firstCheckpointUnderBackpressure(false);
        JsonNode unaligned = firstCheckpointUnderBackpressure(true);

        long alignedMillis = aligned.get("end_to_end_duration").asLong();
        long unalignedMillis = unaligned.get("end_to_end_duration").asLong();
        assertThat(alignedMillis).as("aligned %d ms, unaligned %d ms", alignedMillis, unalignedMillis)
                .isGreaterThan(3 * Math.max(unalignedMillis, 100));
        assertThat(unaligned.get("state_size").asLong()).as("the overtaken records are in the checkpoint")
                .isGreaterThan(50_000);
        assertThat(aligned.get("state_size").asLong()).isLessThan(50_000);
    }

    /** Starts the backpressured job, returns its first completed checkpoint's statistics, cancels it. */
    private static JsonNode firstCheckpointUnderBackpressure(boolean unaligned) throws Exception {
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2).enableCheckpointing(1_000);
        env.getConfiguration().set(CheckpointingOptions.DIRECTORY, dir.resolve(unaligned ? "u" : "a").toUri().toString());
        env.getConfiguration().set(CheckpointingOptions.UNALIGNED, unaligned);
        env.fromSequence(1, Long.MAX_VALUE)
                .map(value -> value + PAYLOAD)
                .keyBy(line -> line.length() + line.charAt(0))
                .map(new Slow())
                .addSink(new DiscardingSink<>());
        JobClient job = env.executeAsync(unaligned ? "unaligned under backpressure" : "aligned under backpressure");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                JsonNode stats = new ObjectMapper().readTree(cluster.getDispatcher()
                        .requestCheckpointStats(job.getJobID()).get(10, TimeUnit.SECONDS).getJson());
                assertThat(stats.get("config").get("unaligned_checkpoints").asBoolean()).isEqualTo(unaligned);
                JsonNode completed = stats.get("checkpoints").get("latest").get("completed");
                if (completed != null && !completed.isNull()) {
                    return completed;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no checkpoint completed within 60 s");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** A millisecond per record: far slower than the source, so the queues in front of it stay full. */
    static final class Slow implements MapFunction<String, String> {
        @Override
        public String map(String value) throws InterruptedException {
            Thread.sleep(1);
            return value;
        }
    }
}
