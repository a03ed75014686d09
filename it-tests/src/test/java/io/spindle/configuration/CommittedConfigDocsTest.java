package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed options table, default configuration file and list of known keys name every option
 * of every module.
 * Lives here because only this module sees all of them (the YARN client's and ApplicationMaster's
 * option classes as well as the engine's).
 */
class CommittedConfigDocsTest {
    /** Surefire runs in it-tests/; the generated files live at the repository root. */
    private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String HOW_TO_FIX = " is out of date with the option classes; regenerate it from the"
            + " repository root with: " + ConfigDocsGenerator.REGENERATE_COMMAND;

    @Test
    void committedDocsAndYamlMatchEveryOptionClass() throws IOException {
        ConfigOptionRegistry registry = ConfigOptionRegistry.all();
        assertThat(registry.missingClasses()).as("option classes missing from this module's class path").isEmpty();

        assertThat(read(ConfigDocsGenerator.DOCS_FILE)).as(ConfigDocsGenerator.DOCS_FILE + HOW_TO_FIX)
                .isEqualTo(ConfigDocsGenerator.renderMarkdown(registry));
        assertThat(read(ConfigDocsGenerator.YAML_FILE)).as(ConfigDocsGenerator.YAML_FILE + HOW_TO_FIX)
                .isEqualTo(ConfigDocsGenerator.renderYaml(registry));
        assertThat(read(ConfigDocsGenerator.KEYS_FILE)).as(ConfigDocsGenerator.KEYS_FILE + HOW_TO_FIX)
                .isEqualTo(ConfigDocsGenerator.renderKeyList(registry));
    }

    @Test
    void yarnKeysAreDocumentedWithTheirDefaults() throws IOException {
        assertThat(read(ConfigDocsGenerator.DOCS_FILE))
                .contains("| `yarn.application.type` | `Spindle` |")
                .contains("| `yarn.heartbeat.container-request-interval` | `100 ms` |")
                .contains("| `taskmanager.memory.process.size` | `1024m` |");
    }

    private static String read(String relativePath) throws IOException {
        Path file = REPOSITORY_ROOT.resolve(relativePath);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(missing " + file + ")";
    }
}
