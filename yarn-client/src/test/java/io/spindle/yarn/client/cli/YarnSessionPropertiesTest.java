package io.spindle.yarn.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.yarn.client.YarnConfigOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YarnSessionPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void fileIsNamedPerUserInTheConfiguredDirectory() {
        Configuration configuration = new Configuration().set(YarnConfigOptions.PROPERTIES_FILE_LOCATION, dir.toString());
        assertThat(YarnSessionProperties.location(configuration))
                .isEqualTo(dir.resolve(".yarn-properties-" + System.getProperty("user.name")));
        assertThat(YarnSessionProperties.location(new Configuration()).getParent())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void roundTripsTheApplicationIdAndDynamicPropertiesInFlinksFormat() throws IOException {
        Path file = dir.resolve(".yarn-properties-test");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("parallelism.default", "4");
        properties.put("a", "b=c");
        YarnSessionProperties.write(file, "application_1700000000000_0007", properties);

        assertThat(Files.readAllLines(file)).contains("applicationID=application_1700000000000_0007",
                "dynamicPropertiesString=parallelism.default\\=4@@a\\=b\\=c");
        YarnSessionProperties.Session session = YarnSessionProperties.read(file).orElseThrow();
        assertThat(session.applicationId()).isEqualTo("application_1700000000000_0007");
        assertThat(session.dynamicProperties()).isEqualTo(properties);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void missingFileIsNoSessionAndAFileWithoutIdIsAnError() throws IOException {
        assertThat(YarnSessionProperties.read(dir.resolve("absent"))).isEmpty();
        Path file = Files.writeString(dir.resolve("broken"), "dynamicPropertiesString=a=b\n");
        assertThatThrownBy(() -> YarnSessionProperties.read(file)).hasMessageContaining("names no application");
    }

    @Test
    void deletesOnlyTheFileOfTheGivenSession() throws IOException {
        Path file = dir.resolve(".yarn-properties-test");
        YarnSessionProperties.write(file, "application_1_0002", Map.of());

        assertThat(YarnSessionProperties.deleteIfRecording(file, "application_1_0001")).isFalse();
        assertThat(file).exists();
        assertThat(YarnSessionProperties.deleteIfRecording(file, "application_1_0002")).isTrue();
        assertThat(file).doesNotExist();
    }
}
