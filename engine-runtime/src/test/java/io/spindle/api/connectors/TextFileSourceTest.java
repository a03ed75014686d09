package io.spindle.api.connectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextFileSourceTest {

    @TempDir
    Path tempDir;

    @Test
    void splitsOfOneFileYieldEveryLineOnce() throws Exception {
        Path file = tempDir.resolve("mixed.txt");
        String content = "first\r\n\nthird line\r\n\r\nünïcödé 日本語 😀\nlast without newline";
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<String> expected = List.of("first", "", "third line", "", "ünïcödé 日本語 😀", "last without newline");

        for (int parallelism : new int[] {1, 2, 3, 4, 9, 31, 200}) {
            assertThat(readWithParallelism(file.toString(), parallelism))
                    .as("parallelism %d", parallelism)
                    .isEqualTo(expected);
        }
    }

    @Test
    void splitBoundariesAtEveryPositionOfGeneratedLines() throws Exception {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        String[] pieces = {"a", "bc", "é", "日本", "😀", " ", "x"};
        for (int i = 0; i < 400; i++) {
            StringBuilder line = new StringBuilder();
            int pieceCount = random.nextInt(12);
            for (int p = 0; p < pieceCount; p++) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            lines.add(line.toString());
            content.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        Path file = tempDir.resolve("generated.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);

        for (int parallelism = 1; parallelism <= 4; parallelism++) {
            assertThat(readWithParallelism(file.toString(), parallelism)).isEqualTo(lines);
        }
        assertThat(readWithParallelism(file.toString(), 97)).isEqualTo(lines);
    }

    @Test
    void readsTheVisibleFilesOfADirectoryInNameOrder() throws Exception {
        Path dir = Files.createDirectory(tempDir.resolve("input"));
        Files.writeString(dir.resolve("b.txt"), "b1\r\nb2\n");
        Files.writeString(dir.resolve("a.txt"), "a1\na2");
        Files.writeString(dir.resolve("c.txt"), "");
        Files.writeString(dir.resolve("d.txt"), "d1\n\nd3\n");
        Files.writeString(dir.resolve(".hidden"), "hidden\n");
        Files.writeString(dir.resolve("_SUCCESS"), "marker\n");
        Files.createDirectory(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested").resolve("n.txt"), "nested\n");
        List<String> expected = List.of("a1", "a2", "b1", "b2", "d1", "", "d3");

        for (int parallelism = 1; parallelism <= 4; parallelism++) {
            assertThat(readWithParallelism(dir.toString(), parallelism))
                    .as("parallelism %d", parallelism)
                    .isEqualTo(expected);
        }
        assertThat(readWithParallelism(dir.toUri().toString(), 3)).as("file:// URI").isEqualTo(expected);
    }

    @Test
    void anEmptyFileHasNoLines() throws Exception {
        Path file = Files.writeString(tempDir.resolve("empty.txt"), "");

        assertThat(readWithParallelism(file.toString(), 2)).isEmpty();
    }

    @Test
    void missingPathIsReportedClearly() {
        String missing = tempDir.resolve("no-such-file").toString();

        assertThatThrownBy(() -> TextFileSource.validatePath(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Input path does not exist: " + missing);
        assertThatThrownBy(() -> new TextFileSource(missing).open(new FakeRuntimeContext(0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Input path does not exist");
    }

    @Test
    void unreachableFileSystemIsReportedClearly() throws IOException {
        assertThatThrownBy(() -> TextFileSource.validatePath("nosuchscheme://host/data"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The job cannot access the input path nosuchscheme://host/data: ");
        Path existing = Files.writeString(tempDir.resolve("present.txt"), "x\n");
        assertThatCode(() -> TextFileSource.validatePath(existing.toString())).doesNotThrowAnyException();
    }

    @Test
    void cancelStopsReading() throws Exception {
        Path file = tempDir.resolve("many.txt");
        Files.writeString(file, "line\n".repeat(10_000));
        TextFileSource source = new TextFileSource(file.toString());
        source.open(new FakeRuntimeContext(0, 1));
        CollectingSourceContext<String> ctx = new CollectingSourceContext<>(records -> {
            if (records.size() == 10) {
                source.cancel();
            }
        });

        source.run(ctx);

        assertThat(ctx.records()).hasSize(10);
    }

    /** All subtasks' output, concatenated in subtask order: file order when splits are right. */
    private static List<String> readWithParallelism(String path, int parallelism) throws Exception {
        List<String> all = new ArrayList<>();
        for (int index = 0; index < parallelism; index++) {
            TextFileSource source = Serialization.roundTrip(new TextFileSource(path));
            source.open(new FakeRuntimeContext(index, parallelism));
            CollectingSourceContext<String> ctx = new CollectingSourceContext<>();
            source.run(ctx);
            all.addAll(ctx.records());
        }
        return all;
    }
}
