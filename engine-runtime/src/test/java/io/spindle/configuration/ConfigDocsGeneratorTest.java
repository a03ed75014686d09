package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocsGeneratorTest {
    @Test
    void markdownHasOneRowPerOptionSortedByKey() {
        String markdown = ConfigDocsGenerator.renderMarkdown(ConfigOptionRegistry.all());
        assertThat(markdown)
                .contains("| Key | Default | Type | Description |")
                .contains("| `parallelism.default` | `1` | an integer; at least 1 | Parallelism of operators")
                .contains("| `heartbeat.timeout` | `6 s` |")
                .contains("| `execution.runtime-mode` | `streaming` | one of streaming batch |");
        assertThat(markdown.indexOf("`execution.attached`")).isLessThan(markdown.indexOf("`heartbeat.interval`"));
        assertThat(markdown.indexOf("`heartbeat.interval`")).isLessThan(markdown.indexOf("`taskmanager.host`"));
    }

    /** Uncommenting every key of the generated file must give back every default. */
    @Test
    void uncommentedYamlLoadsEveryDefault(@TempDir Path confDir) throws IOException {
        ConfigOptionRegistry registry = ConfigOptionRegistry.all();
        String uncommented = ConfigDocsGenerator.renderYaml(registry).lines()
                .map(line -> registry.find(line.replaceFirst("^# ([^ :]+):.*", "$1")).isPresent() ? line.substring(2) : line)
                .reduce("", (text, line) -> text + line + "\n");
        Files.writeString(confDir.resolve("spindle-conf.yaml"), uncommented);

        Configuration loaded = GlobalConfiguration.loadConfiguration(confDir, Map.of());

        // An option without a default (e.g. taskmanager.resource-id) is written with no value and stays unset.
        assertThat(loaded.toMap().keySet()).containsExactlyInAnyOrderElementsOf(registry.options().stream()
                .filter(option -> option.defaultValue() != null).map(ConfigOption::key).toList());
        for (ConfigOption<?> option : registry.options()) {
            assertThat((Object) loaded.get(option)).as(option.key()).isEqualTo(option.defaultValue());
        }
    }

    @Test
    void formatsValuesSoTheyParseBack() {
        assertThat(ConfigValueFormat.toConfigString(Duration.ofMillis(100))).isEqualTo("100 ms");
        assertThat(ConfigValueFormat.toConfigString(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(ConfigValueFormat.toConfigString(Duration.ofMinutes(120))).isEqualTo("2 h");
        assertThat(ConfigValueFormat.toConfigString(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(ConfigValueFormat.toConfigString(MemorySize.ofMebiBytes(512))).isEqualTo("512m");
        assertThat(ConfigDocsGenerator.yamlScalar("")).isEqualTo("''");
        assertThat(ConfigDocsGenerator.yamlScalar("a: b")).isEqualTo("'a: b'");
        assertThat(ConfigDocsGenerator.yamlScalar("it's")).isEqualTo("it's");
        assertThat(ConfigDocsGenerator.yamlScalar("*x'")).isEqualTo("'*x'''");
        assertThat(ConfigDocsGenerator.yamlScalar("null")).isEqualTo("'null'");
        assertThat(ConfigDocsGenerator.yamlScalar("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
