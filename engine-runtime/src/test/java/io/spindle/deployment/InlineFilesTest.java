package io.spindle.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InlineFilesTest {
    @TempDir
    Path directory;

    @Test
    void filesComeBackByteForByteInTheirDirectory() throws Exception {
        InlineFiles files = new InlineFiles();
        byte[] yaml = "taskmanager.numberOfTaskSlots: 2\nkey: \"quoted $value\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[3000];
        new Random(7).nextBytes(binary);
        assertThat(files.tryAdd("spindle-conf.yaml", yaml)).isTrue();
        assertThat(files.tryAdd("job.graph", binary)).isTrue();

        String text = files.encode();
        assertThat(text).doesNotContain("\n", "\"", "$", "`", "\\");
        InlineFiles.materialize(text, directory);

        assertThat(Files.readAllBytes(directory.resolve("spindle-conf.yaml"))).isEqualTo(yaml);
        assertThat(Files.readAllBytes(directory.resolve("job.graph"))).isEqualTo(binary);
    }

    @Test
    void aFileThatDoesNotFitIsLeftToBeShippedAsAFile() {
        InlineFiles files = new InlineFiles();
        byte[] incompressible = new byte[InlineFiles.MAX_ENCODED_CHARS];
        new Random(1).nextBytes(incompressible);

        assertThat(files.tryAdd("small.xml", "<configuration/>".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(files.tryAdd("large.bin", incompressible)).isFalse();
        assertThat(files.contains("large.bin")).isFalse();
        assertThat(files.encode().length()).isLessThanOrEqualTo(InlineFiles.MAX_ENCODED_CHARS);
        assertThat(InlineFiles.decode(files.encode())).containsOnlyKeys("small.xml");
    }

    @Test
    void aFileAlreadyInTheDirectoryIsKept() throws Exception {
        Files.writeString(directory.resolve("spindle-conf.yaml"), "shipped: as a file\n");
        InlineFiles files = new InlineFiles();
        files.tryAdd("spindle-conf.yaml", "inline: true\n".getBytes(StandardCharsets.UTF_8));

        InlineFiles.materialize(files.encode(), directory);

        assertThat(directory.resolve("spindle-conf.yaml")).hasContent("shipped: as a file");
    }

    @Test
    void namesThatCouldBreakTheEncodingAreRefusedAndGarbageIsReported() {
        assertThatThrownBy(() -> new InlineFiles().tryAdd("a;b", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InlineFiles().tryAdd("../x", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InlineFiles.decode("no-colon-here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected name:content");
        assertThat(InlineFiles.decode(null)).isEmpty();
    }
}
