package io.spindle.api.connectors.filesink;

import io.spindle.runtime.operators.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static io.spindle.api.connectors.filesink.FileSinkTesting.committed;
import static io.spindle.api.connectors.filesink.FileSinkTesting.harness;
import static io.spindle.api.connectors.filesink.FileSinkTesting.hidden;
import static io.spindle.api.connectors.filesink.FileSinkTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Rolling policies and bucket assigners. */
class FileSinkRollingTest {

    @TempDir
    Path dir;

    @Test
    void aPartRollsOnceItReachesTheMaximumSize() throws Exception {
        OperatorHarness<String, Object> sink = harness(sink(DefaultRollingPolicy.builder().withMaxPartSize(10).build(),
                new BasePathBucketAssigner<>())).open();
        write(sink, "aaa", "bbb", "ccc", "ddd", "eee", "fff", "ggg");
        assertThat(hidden(dir)).as("two closed, pending, and one in progress").hasSize(3);
        assertThat(committed(dir)).isEmpty();

        sink.snapshot(1);
        sink.notifyCheckpointComplete(1);
        sink.close();

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "aaa\nbbb\nccc\n"),
                entry("part-0-1", "ddd\neee\nfff\n"), entry("part-0-2", "ggg\n"));
    }

    @Test
    void partsRollOnProcessingTimeWhenARecordArrivesLater() throws Exception {
        OperatorHarness<String, Object> sink = harness(sink(DefaultRollingPolicy.builder()
                .withInactivityInterval(Duration.ofMillis(1)).build(), new BasePathBucketAssigner<>())).open();
        write(sink, "early");
        Thread.sleep(1100);
        write(sink, "late");
        sink.snapshot(1);
        sink.notifyCheckpointComplete(1);
        sink.close();

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "early\n"), entry("part-0-1", "late\n"));
    }

    @Test
    void theDefaultBucketsAreDateHoursOfProcessingTime() throws Exception {
        DateTimeBucketAssigner<String> assigner = new DateTimeBucketAssigner<>();
        OperatorHarness<String, Object> sink = harness(FileSink.forRowFormat(dir.toUri().toString(),
                new SimpleStringEncoder<String>()).build()).open();
        long before = System.currentTimeMillis();
        write(sink, "x");
        long after = System.currentTimeMillis();
        sink.snapshot(1);
        sink.notifyCheckpointComplete(1);
        sink.close();

        assertThat(committed(dir)).hasSize(1).containsAnyOf(entry(assigner.getBucketId("x", before) + "/part-0-0", "x\n"),
                entry(assigner.getBucketId("x", after) + "/part-0-0", "x\n"));
        assertThat(assigner.getBucketId("x", before)).matches("\\d{4}-\\d{2}-\\d{2}--\\d{2}")
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd--HH").withZone(ZoneId.systemDefault())
                        .format(Instant.ofEpochMilli(before)));
    }

    @Test
    void dateTimeBucketIdsFollowThePatternAndZone() {
        long instant = Instant.parse("2024-03-05T07:59:59.999Z").toEpochMilli();

        assertThat(new DateTimeBucketAssigner<>("yyyy-MM-dd--HH", ZoneId.of("UTC")).getBucketId("r", instant))
                .isEqualTo("2024-03-05--07");
        assertThat(new DateTimeBucketAssigner<>("yyyy/MM/dd", ZoneId.of("Asia/Tokyo")).getBucketId("r", instant))
                .isEqualTo("2024/03/05");
        assertThatThrownBy(() -> new DateTimeBucketAssigner<>("yyyy-{{"))
                .hasMessageContaining("not a valid date-time pattern");
    }

    @Test
    void eachBucketHasItsOwnPartFileAndTheCounterIsSharedAcrossThem() throws Exception {
        BucketAssigner<String> byLetter = (record, time) -> "letter=" + record.charAt(0) + "/sub";
        OperatorHarness<String, Object> sink = harness(sink(DefaultRollingPolicy.builder().build(), byLetter)).open();
        write(sink, "a1", "b1", "a2");
        sink.snapshot(1);
        sink.notifyCheckpointComplete(1);
        sink.close();

        assertThat(committed(dir)).containsExactly(entry("letter=a/sub/part-0-0", "a1\na2\n"),
                entry("letter=b/sub/part-0-1", "b1\n"));
    }

    @Test
    void bucketIdsMustStayBelowTheBasePathAndVisible() throws Exception {
        for (String bad : new String[] {"../out", "/abs", ".hidden", "a//b", "_tmp"}) {
            OperatorHarness<String, Object> sink =
                    harness(sink(DefaultRollingPolicy.builder().build(), (record, time) -> bad)).open();
            assertThatThrownBy(() -> sink.element("x")).as(bad).hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("relative directory path below the base path");
            sink.close();
        }
    }

    @Test
    void defaultRollingPolicyHasFlinksDefaultsAndRollsOnEachLimit() {
        DefaultRollingPolicy defaults = DefaultRollingPolicy.builder().build();
        assertThat(defaults.getMaxPartSize()).isEqualTo(128L * 1024 * 1024);
        assertThat(defaults.getRolloverInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.getInactivityInterval()).isEqualTo(Duration.ofSeconds(60));

        DefaultRollingPolicy policy = DefaultRollingPolicy.builder().withMaxPartSize(100)
                .withRolloverInterval(Duration.ofSeconds(10)).withInactivityInterval(Duration.ofSeconds(3)).build();
        assertThat(policy.shouldRollOnEvent(part(99, 0, 0))).isFalse();
        assertThat(policy.shouldRollOnEvent(part(100, 0, 0))).isTrue();
        assertThat(policy.shouldRollOnProcessingTime(part(1, 0, 8_000), 9_999)).isFalse();
        assertThat(policy.shouldRollOnProcessingTime(part(1, 0, 8_000), 10_000)).as("open too long").isTrue();
        assertThat(policy.shouldRollOnProcessingTime(part(1, 5_000, 5_000), 8_000)).as("inactive").isTrue();
        assertThatThrownBy(() -> DefaultRollingPolicy.builder().withInactivityInterval(Duration.ZERO))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> DefaultRollingPolicy.builder().withMaxPartSize(0)).hasMessageContaining("must be positive");
    }

    private FileSink<String> sink(RollingPolicy policy, BucketAssigner<String> assigner) {
        return FileSink.forRowFormat(dir.toUri().toString(), new SimpleStringEncoder<String>())
                .withRollingPolicy(policy).withBucketAssigner(assigner).build();
    }

    private static PartFileInfo part(long size, long created, long lastUpdated) {
        return new PartFileInfo() {
            @Override
            public String getBucketId() {
                return "";
            }

            @Override
            public long getCreationTime() {
                return created;
            }

            @Override
            public long getLastUpdateTime() {
                return lastUpdated;
            }

            @Override
            public long getSize() {
                return size;
            }
        };
    }
}
