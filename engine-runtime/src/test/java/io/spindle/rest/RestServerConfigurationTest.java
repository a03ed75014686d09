package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestServerConfigurationTest {
    private static final Path DEFAULT_DIR = Path.of("/tmp/default-upload");

    @Test
    void defaultsFollowTheDocumentation() {
        RestServerConfiguration config = RestServerConfiguration.fromConfiguration(new Configuration(), DEFAULT_DIR);

        assertThat(config).isEqualTo(new RestServerConfiguration("127.0.0.1", 8081, 100 << 20,
                Duration.ofSeconds(30), DEFAULT_DIR));
    }

    @Test
    void readsFlinkStyleKeys() {
        Configuration conf = new Configuration()
                .setString("rest.address", "0.0.0.0")
                .setString("rest.port", "0")
                .setString("rest.server.max-content-length", "8m")
                .setString("rest.idleness-timeout", "5 s")
                .setString("web.upload.dir", "/data/jars");

        RestServerConfiguration config = RestServerConfiguration.fromConfiguration(conf, DEFAULT_DIR);

        assertThat(config).isEqualTo(new RestServerConfiguration("0.0.0.0", 0, 8 << 20, Duration.ofSeconds(5),
                Path.of("/data/jars")));
    }

    @Test
    void rejectsLimitsThatCannotWork() {
        Configuration tooLarge = new Configuration().setString("rest.server.max-content-length", "4g");

        assertThatThrownBy(() -> RestServerConfiguration.fromConfiguration(tooLarge, DEFAULT_DIR))
                .hasMessageContaining("rest.server.max-content-length");
        assertThatThrownBy(() -> new RestServerConfiguration("127.0.0.1", 70000, 1, Duration.ofSeconds(1), DEFAULT_DIR))
                .hasMessageContaining("out of range");
    }
}
