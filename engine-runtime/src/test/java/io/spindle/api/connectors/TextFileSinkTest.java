package io.spindle.api.connectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextFileSinkTest {

    @TempDir
    Path tempDir;

    @Test
    void atParallelismOneThePathIsTheFile() throws Exception {
        Path out = tempDir.resolve("out.txt");

        writeSubtask(new TextFileSink<>(out.toString()), 0, 1, List.of(1, "zwei", 3.5, "日本"));

        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("1\nzwei\n3.5\n日本\n");
        assertThat(listNames(tempDir)).containsExactly("out.txt");
    }

    @Test
    void aboveParallelismOneThePathIsADirectoryOfNumberedFiles() throws Exception {
        Path out = tempDir.resolve("out");
        for (int index = 0; index < 3; index++) {
            writeSubtask(new TextFileSink<>(out.toUri().toString()), index, 3, List.of("a" + index, "b" + index));
        }

        assertThat(listNames(out)).containsExactly("1", "2", "3");
        assertThat(Files.readString(out.resolve("2"))).isEqualTo("a1\nb1\n");
    }

    @Test
    void largeOutputIsCompleteAfterFinish() throws Exception {
        Path out = tempDir.resolve("large.txt");
        List<Integer> values = Stream.iterate(0, i -> i + 1).limit(100_000).toList();

        writeSubtask(new TextFileSink<>(out.toString()), 0, 1, values);

        assertThat(Files.readAllLines(out)).hasSize(100_000).endsWith("99999");
    }

    @Test
    void noOverwriteRefusesAnExistingFile() throws Exception {
        Path out = Files.writeString(tempDir.resolve("existing.txt"), "keep me\n");
        TextFileSink<String> sink = new TextFileSink<>(out.toString(), WriteMode.NO_OVERWRITE);

        assertThatThrownBy(() -> sink.open(new FakeRuntimeContext(0, 1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("NO_OVERWRITE")
                .hasMessageContaining("OVERWRITE");
        assertThat(Files.readString(out)).isEqualTo("keep me\n");
    }

    @Test
    void noOverwriteRefusesAnExistingSubtaskFileOrAFileInPlaceOfTheDirectory() throws Exception {
        Path dir = Files.createDirectory(tempDir.resolve("dir"));
        Files.writeString(dir.resolve("2"), "old\n");
        assertThatThrownBy(() -> new TextFileSink<>(dir.toString()).open(new FakeRuntimeContext(1, 2)))
                .hasMessageContaining("already exists");

        Path file = Files.writeString(tempDir.resolve("file"), "old\n");
        assertThatThrownBy(() -> new TextFileSink<>(file.toString()).open(new FakeRuntimeContext(0, 2)))
                .hasMessageContaining("is a file");
        assertThat(Files.readString(file)).isEqualTo("old\n");
    }

    @Test
    void overwriteReplacesFilesAndDirectories() throws Exception {
        Path file = Files.writeString(tempDir.resolve("file.txt"), "old content that is longer\n");
        writeSubtask(new TextFileSink<>(file.toString(), WriteMode.OVERWRITE), 0, 1, List.of("new"));
        assertThat(Files.readString(file)).isEqualTo("new\n");

        Path dir = tempDir.resolve("dir");
        for (int index = 0; index < 4; index++) {
            writeSubtask(new TextFileSink<>(dir.toString(), WriteMode.OVERWRITE), index, 4, List.of("run1"));
        }
        Files.writeString(dir.resolve("notes"), "not ours\n");
        for (int index = 0; index < 2; index++) {
            writeSubtask(new TextFileSink<>(dir.toString(), WriteMode.OVERWRITE), index, 2, List.of("run2"));
        }
        assertThat(listNames(dir)).containsExactly("1", "2", "notes");
        assertThat(Files.readString(dir.resolve("1"))).isEqualTo("run2\n");

        writeSubtask(new TextFileSink<>(dir.toString(), WriteMode.OVERWRITE), 0, 1, List.of("single"));
        assertThat(Files.readString(dir)).isEqualTo("single\n");
    }

    @Test
    void closeWithoutFinishClosesQuietly() throws Exception {
        Path out = tempDir.resolve("failed.txt");
        TextFileSink<String> sink = new TextFileSink<>(out.toString());
        sink.open(new FakeRuntimeContext(0, 1));
        sink.invoke("partial");

        sink.close();
        sink.close();

        assertThat(out).exists();
    }

    private static <T> void writeSubtask(TextFileSink<T> sink, int index, int parallelism, List<? extends T> values)
            throws Exception {
        TextFileSink<T> shipped = Serialization.roundTrip(sink);
        shipped.open(new FakeRuntimeContext(index, parallelism));
        for (T value : values) {
            shipped.invoke(value);
        }
        shipped.finish();
        shipped.close();
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        }
    }
}
