package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalConfigurationTest {
    @TempDir
    Path confDir;

    private Configuration load(String yaml, Map<String, String> dynamic) throws IOException {
        Files.writeString(confDir.resolve(GlobalConfiguration.CONFIG_FILE_NAME), yaml);
        return GlobalConfiguration.loadConfiguration(confDir, dynamic);
    }

    @Test
    void readsFlatKeyValueLinesAsWrittenIgnoringComments() throws IOException {
        Configuration configuration = load("""
                # a comment
                taskmanager.numberOfTaskSlots: 4   # trailing comment
                heartbeat.timeout: 10 s
                jobmanager.rpc.address: "10.0.0.1"
                some.decimal: 1.50
                some.octal-looking: 007

                execution.attached: false
                """, Map.of());

        assertThat(configuration.toMap()).containsOnly(
                Map.entry("taskmanager.numberOfTaskSlots", "4"),
                Map.entry("heartbeat.timeout", "10 s"),
                Map.entry("jobmanager.rpc.address", "10.0.0.1"),
                Map.entry("some.decimal", "1.50"),
                Map.entry("some.octal-looking", "007"),
                Map.entry("execution.attached", "false"));
        assertThat(configuration.get(ClusterOptions.HEARTBEAT_TIMEOUT)).hasSeconds(10);
    }

    @Test
    void flattensNestedMapsAndJoinsLists() throws IOException {
        Configuration configuration = load("""
                jobmanager:
                  rpc:
                    address: jm.example.org
                    port: 6124
                taskmanager.numberOfTaskSlots: 2
                env.java.opts: [-Xss1m, -XX:+UseG1GC]
                classloader.parent-first-patterns:
                  - org.apache.
                  - io.spindle.
                """, Map.of());

        assertThat(configuration.getString("jobmanager.rpc.address")).isEqualTo("jm.example.org");
        assertThat(configuration.get(ClusterOptions.JOB_MANAGER_RPC_PORT)).isEqualTo(6124);
        assertThat(configuration.getString("taskmanager.numberOfTaskSlots")).isEqualTo("2");
        assertThat(configuration.getString("env.java.opts")).isEqualTo("-Xss1m;-XX:+UseG1GC");
        assertThat(configuration.getString("classloader.parent-first-patterns")).isEqualTo("org.apache.;io.spindle.");
    }

    @Test
    void emptyOrAllCommentedFileGivesEmptyConfigurationAndKeysWithoutValueAreSkipped() throws IOException {
        assertThat(load("# nothing set\n", Map.of()).toMap()).isEmpty();
        assertThat(load("", Map.of()).toMap()).isEmpty();
        assertThat(load("a.b:\nc: 1\n", Map.of()).toMap()).containsOnly(Map.entry("c", "1"));
    }

    @Test
    void dynamicPropertiesOverrideTheFile() throws IOException {
        Configuration configuration = load("parallelism.default: 2\nexecution.target: remote\n",
                GlobalConfiguration.parseDynamicProperties(
                        List.of("-Dparallelism.default=8", "-D", "extra.key=a=b", "-Dempty.value=")));

        assertThat(configuration.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(8);
        assertThat(configuration.get(CoreOptions.EXECUTION_TARGET)).isEqualTo("remote");
        assertThat(configuration.getString("extra.key")).isEqualTo("a=b");
        assertThat(configuration.getString("empty.value")).isEmpty();
    }

    @Test
    void missingFileNamesThePathAndTheEnvironmentVariable() {
        Path missing = confDir.resolve("nowhere");
        assertThatThrownBy(() -> GlobalConfiguration.loadConfiguration(missing, Map.of()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining(missing.resolve("spindle-conf.yaml").toAbsolutePath().toString())
                .hasMessageContaining("SPINDLE_CONF_DIR")
                .hasMessageContaining("does not exist");
    }

    @Test
    void malformedYamlReportsFileAndLine() {
        assertThatThrownBy(() -> load("""
                parallelism.default: 1
                execution.target: local
                heartbeat.timeout: [10 s
                slot.request.timeout: 1 min
                """, Map.of()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("Malformed YAML")
                .hasMessageContaining(confDir.resolve("spindle-conf.yaml").toAbsolutePath().toString())
                .hasMessageContaining("at line 4, column 21: expected ',' or ']'");

        assertThatThrownBy(() -> load("a: 1\n\tb: 2\n", Map.of()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("at line 2, column 1: found character '\\t(TAB)'");
        assertThatThrownBy(() -> load("a: 1\nb: c: d\n", Map.of()))
                .hasMessageContaining("at line 2, column 5: mapping values are not allowed here");
    }

    @Test
    void rejectsNonMapDocumentsNestedListsAndDuplicateKeys() {
        assertThatThrownBy(() -> load("just some text\n", Map.of()))
                .hasMessageContaining("must hold 'key: value' entries, found a plain value");
        assertThatThrownBy(() -> load("a:\n  - [1, 2]\n", Map.of()))
                .hasMessageContaining("list of key 'a' may only hold plain values")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> load("a: &port 1\nb: *port\n", Map.of()))
                .hasMessageContaining("line 2").hasMessageContaining("alias");
        assertThatThrownBy(() -> load("jobmanager.rpc.port: 1\njobmanager:\n  rpc.port: 2\n", Map.of()))
                .hasMessageContaining("defines key 'jobmanager.rpc.port' twice, at line 1 and at line 3");
    }

    @Test
    void parsesDynamicPropertiesInBothForms() {
        assertThat(GlobalConfiguration.parseDynamicProperties(
                List.of("-Da=1", "-D", "b = 2", "-Da=3")))
                .containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
        assertThat(GlobalConfiguration.parseDynamicProperties(List.of())).isEmpty();
    }

    @Test
    void malformedDynamicPropertiesGiveClearErrors() {
        assertThatThrownBy(() -> GlobalConfiguration.parseDynamicProperties(List.of("-Dparallelism.default")))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'parallelism.default' has no value");
        assertThatThrownBy(() -> GlobalConfiguration.parseDynamicProperties(List.of("-D=4")))
                .hasMessageContaining("has no key");
        assertThatThrownBy(() -> GlobalConfiguration.parseDynamicProperties(List.of("-Da=1", "-D")))
                .hasMessageContaining("'-D' at the end");
        assertThatThrownBy(() -> GlobalConfiguration.parseDynamicProperties(List.of("parallelism.default=4")))
                .hasMessageContaining("Unexpected argument 'parallelism.default=4'");
    }
}
