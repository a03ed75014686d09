package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationValidatorTest {
    private static final ConfigOption<Integer> RETRIES = ConfigOptions.intOption("test.retries", 3, "Retries.")
            .withValidator(v -> v >= 0, "at least 0")
            .withValidator(v -> v <= 10, "at most 10");

    @Test
    void reportsEveryInvalidValueWithKeyValueAndWhatIsAllowed() {
        Configuration configuration = Configuration.fromMap(Map.of(
                "parallelism.default", "0",
                "heartbeat.timeout", "soon",
                "execution.runtime-mode", "turbo",
                "jobmanager.rpc.port", "70000",
                "execution.attached", "true",
                "unknown.key", "anything"));

        assertThatThrownBy(() -> ConfigurationValidator.validate(configuration))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageStartingWith("4 invalid configuration values:")
                .hasMessageContaining("Invalid value '0' for configuration key 'parallelism.default': expected an integer; at least 1")
                .hasMessageContaining("Invalid value 'soon' for configuration key 'heartbeat.timeout': expected a duration")
                .hasMessageContaining("Invalid value 'turbo' for configuration key 'execution.runtime-mode': expected one of streaming batch")
                .hasMessageContaining("Invalid value '70000' for configuration key 'jobmanager.rpc.port': expected an integer; from 0 to 65535")
                .message().doesNotContain("execution.attached").doesNotContain("unknown.key");
    }

    @Test
    void validConfigurationPasses() {
        Configuration configuration = Configuration.fromMap(Map.of(
                "parallelism.default", "4", "jobmanager.rpc.port", "0", "taskmanager.numberOfTaskSlots", "2"));
        assertThatCode(() -> ConfigurationValidator.validate(configuration)).doesNotThrowAnyException();
        assertThatCode(() -> ConfigurationValidator.validate(configuration,
                List.of(TaskExecutorOptions.NUM_TASK_SLOTS))).doesNotThrowAnyException();
    }

    @Test
    void singleProblemIsReportedAlone() {
        Configuration configuration = Configuration.fromMap(Map.of("test.retries", "11"));
        assertThatThrownBy(() -> ConfigurationValidator.validate(configuration, List.of(RETRIES)))
                .hasMessage("Invalid value '11' for configuration key 'test.retries': expected an integer; at least 0 and at most 10");
    }

    @Test
    void getNeverReturnsAValueTheValidatorRejects() {
        Configuration configuration = new Configuration().set(RETRIES, -1);
        assertThatThrownBy(() -> configuration.get(RETRIES))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'-1'").hasMessageContaining("test.retries").hasMessageContaining("at least 0");
        assertThat(configuration.set(RETRIES, 10).get(RETRIES)).isEqualTo(10);
        assertThat(new Configuration().get(RETRIES)).isEqualTo(3);
    }

    @Test
    void validatorDescribesItselfAndRejectsADefaultItDoesNotAllow() {
        assertThat(RETRIES.constraint()).isEqualTo("at least 0 and at most 10");
        assertThat(RETRIES.allowedValues()).isEqualTo("an integer; at least 0 and at most 10");
        assertThat(TaskExecutorOptions.NUM_TASK_SLOTS.constraint()).isNull();
        assertThatThrownBy(() -> ConfigOptions.intOption("test.bad", 0, "Bad.").withValidator(v -> v > 0, "positive"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.bad").hasMessageContaining("positive");
    }
}
