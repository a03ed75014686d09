package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntrypointArgumentsTest {
    @Test
    void parsesConfigDirAndDynamicPropertiesInAnyOrder() {
        EntrypointArguments arguments = EntrypointArguments.parse(
                List.of("-Da=1", "--configDir", "/etc/spindle", "-D", "b=2"), name -> null);
        assertThat(arguments.configDir()).isEqualTo(Paths.get("/etc/spindle"));
        assertThat(arguments.dynamicProperties()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void fallsBackToTheEnvironmentAndFailsClearlyWithoutEither() {
        assertThat(EntrypointArguments.parse(List.of(), Map.of("SPINDLE_CONF_DIR", "/opt/conf")::get).configDir())
                .isEqualTo(Paths.get("/opt/conf"));
        assertThatThrownBy(() -> EntrypointArguments.parse(List.of("-Da=1"), name -> null))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("--configDir").hasMessageContaining("SPINDLE_CONF_DIR");
        assertThatThrownBy(() -> EntrypointArguments.parse(List.of("--configDir"), name -> null))
                .hasMessageContaining("needs a directory");
    }

    @Test
    void loadConfigurationValidatesAllKnownOptions(@TempDir Path confDir) throws IOException {
        Files.writeString(confDir.resolve("spindle-conf.yaml"), "taskmanager.numberOfTaskSlots: 2\n");
        EntrypointArguments valid = EntrypointArguments.parse(
                List.of("--configDir", confDir.toString(), "-Dparallelism.default=3"), name -> null);
        assertThat(valid.loadConfiguration().get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);

        EntrypointArguments invalid = EntrypointArguments.parse(List.of("--configDir", confDir.toString(),
                "-Dparallelism.default=0", "-Dtaskmanager.numberOfTaskSlots=many"), name -> null);
        assertThatThrownBy(invalid::loadConfiguration)
                .hasMessageContaining("2 invalid configuration values")
                .hasMessageContaining("parallelism.default").hasMessageContaining("taskmanager.numberOfTaskSlots");
    }
}
