package io.spindle.api.connectors.filesink;

import io.spindle.api.StreamEnvironment;
import io.spindle.runtime.operators.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.spindle.api.connectors.filesink.FileSinkTesting.basePathSink;
import static io.spindle.api.connectors.filesink.FileSinkTesting.committed;
import static io.spindle.api.connectors.filesink.FileSinkTesting.harness;
import static io.spindle.api.connectors.filesink.FileSinkTesting.hidden;
import static io.spindle.api.connectors.filesink.FileSinkTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The two phases on one subtask: hidden while in progress or pending, visible once the checkpoint completes. */
class FileSinkTest {

    @TempDir
    Path dir;

    @Test
    void recordsBecomeVisibleOnlyWhenTheirCheckpointCompletes() throws Exception {
        OperatorHarness<String, Object> sink = harness(basePathSink(dir)).open();
        write(sink, "a", "b");

        assertThat(committed(dir)).isEmpty();
        assertThat(hidden(dir)).singleElement().asString().startsWith(".part-0-0.inprogress.");

        sink.snapshot(1);
        write(sink, "c");
        assertThat(committed(dir)).as("pending until the checkpoint completes").isEmpty();

        sink.notifyCheckpointComplete(1);
        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a\nb\n"));
        assertThat(hidden(dir)).as("written after the checkpoint").singleElement().asString()
                .startsWith(".part-0-1.inprogress.");

        sink.snapshot(2);
        sink.notifyCheckpointComplete(2);
        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a\nb\n"), entry("part-0-1", "c\n"));
        assertThat(hidden(dir)).isEmpty();
        sink.close();
    }

    @Test
    void aCompletionCommitsTheFilesOfEarlierCheckpointsWhoseNotificationWasLostOrAborted() throws Exception {
        OperatorHarness<String, Object> sink = harness(basePathSink(dir)).open();
        write(sink, "a");
        sink.snapshot(1);
        sink.operator().notifyCheckpointAborted(1);
        write(sink, "b");
        sink.snapshot(2);
        write(sink, "c");
        sink.snapshot(3);
        assertThat(committed(dir)).isEmpty();

        sink.notifyCheckpointComplete(3);

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a\n"), entry("part-0-1", "b\n"),
                entry("part-0-2", "c\n"));
        sink.notifyCheckpointComplete(2);
        assertThat(committed(dir)).hasSize(3);
        sink.close();
    }

    @Test
    void anEmptyCheckpointCommitsNothing() throws Exception {
        OperatorHarness<String, Object> sink = harness(basePathSink(dir)).open();
        sink.snapshot(1);
        sink.notifyCheckpointComplete(1);

        assertThat(committed(dir)).isEmpty();
        assertThat(hidden(dir)).isEmpty();
        sink.close();
    }

    @Test
    void withoutCheckpointsFinishCommitsEverything() throws Exception {
        FileSink<String> fileSink = FileSink.forRowFormat(dir.toUri().toString(), new SimpleStringEncoder<String>())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(DefaultRollingPolicy.builder().withMaxPartSize(4).build())
                .build();
        OperatorHarness<String, Object> sink = harness(fileSink).open();
        write(sink, "one", "two", "3");

        sink.endInput();
        sink.close();

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "one\n"), entry("part-0-1", "two\n"),
                entry("part-0-2", "3\n"));
        assertThat(hidden(dir)).isEmpty();
    }

    @Test
    void withCheckpointsFinishLeavesTheRestToTheFinalCheckpoint() throws Exception {
        OperatorHarness<String, Object> sink = harness(basePathSink(dir)).open();
        write(sink, "a");
        sink.snapshot(1);
        write(sink, "b");

        sink.endInput();
        assertThat(committed(dir)).as("checkpoint 1 has not completed").isEmpty();
        assertThat(hidden(dir)).hasSize(2);

        sink.snapshot(2);
        sink.notifyCheckpointComplete(2);
        sink.close();
        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a\n"), entry("part-0-1", "b\n"));
    }

    @Test
    void closeWithoutFinishLeavesTheFilesHidden() throws Exception {
        OperatorHarness<String, Object> sink = harness(basePathSink(dir)).open();
        write(sink, "a");
        sink.snapshot(1);
        write(sink, "b");

        sink.close();

        assertThat(committed(dir)).isEmpty();
        assertThat(hidden(dir)).hasSize(2);
    }

    @Test
    void partPrefixAndSuffixNameTheFiles() throws Exception {
        FileSink<String> fileSink = FileSink.forRowFormat(dir.toString(), new SimpleStringEncoder<String>())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig("data", ".txt")
                .build();
        OperatorHarness<String, Object> sink = harness(fileSink).open();
        write(sink, "日本", "x");
        assertThat(hidden(dir)).singleElement().asString().startsWith(".data-0-0.txt.inprogress.");

        sink.snapshot(1);
        sink.notifyCheckpointComplete(1);
        sink.close();

        assertThat(committed(dir)).containsExactly(entry("data-0-0.txt", "日本\nx\n"));
    }

    @Test
    void aFreshStartSkipsTheNamesOfAnEarlierRunsFiles() throws Exception {
        Files.writeString(dir.resolve("part-0-0"), "earlier run\n");
        Files.writeString(dir.resolve("part-0-1"), "earlier run too\n");
        OperatorHarness<String, Object> sink = harness(basePathSink(dir)).open();
        write(sink, "new");
        sink.snapshot(1);
        sink.notifyCheckpointComplete(1);
        sink.close();

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "earlier run\n"),
                entry("part-0-1", "earlier run too\n"), entry("part-0-2", "new\n"));
    }

    @Test
    void aBasePathThatCannotBeADirectoryFailsOpenSayingWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "a file\n");
        FileSink<String> fileSink = basePathSink(file);

        assertThatThrownBy(() -> harness(fileSink).open())
                .hasMessageContaining("FileSink cannot use its base path")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("choose another base path");
        assertThat(Files.readString(file)).isEqualTo("a file\n");
    }

    @Test
    void builderRejectsNamesThatWouldHideOrMisplaceTheOutput() {
        RowFormatBuilder<String> builder = FileSink.forRowFormat(dir.toString(), new SimpleStringEncoder<>());

        assertThatThrownBy(() -> builder.withOutputFileConfig(".part", "")).hasMessageContaining("hidden");
        assertThatThrownBy(() -> builder.withOutputFileConfig("a/b", "")).hasMessageContaining("path separator");
        assertThatThrownBy(() -> builder.withOutputFileConfig("part", null)).hasMessageContaining("must not be null");
        assertThatThrownBy(() -> FileSink.forRowFormat(" ", new SimpleStringEncoder<>()))
                .hasMessageContaining("must not be empty");
    }

    @Test
    void sinkToAddsTheSinkNamedByItsPath() {
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        String path = dir.toUri().toString();

        var sink = env.fromElements("a").sinkTo(FileSink.forRowFormat(path, new SimpleStringEncoder<String>()).build());

        assertThat(sink.getTransformation().getName()).isEqualTo("FileSink to " + path);
    }

    @Test
    void simpleStringEncoderWritesUtf8Lines() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        new SimpleStringEncoder<Object>().encode(Map.of("ä", 1), bytes);

        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{ä=1}\n");
    }
}
