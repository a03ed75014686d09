package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigOptionRegistryTest {
    /** Option fields mixed with fields the registry must ignore. */
    public static final class SampleOptions {
        public static final ConfigOption<String> B = ConfigOptions.stringOption("sample.b", "x", "B.");
        public static final ConfigOption<Integer> A = ConfigOptions.intOption("sample.a", 1, "A.");
        /** The same constant under a second name counts once. */
        public static final ConfigOption<Integer> A_ALIAS = A;
        public static final String NOT_AN_OPTION = "sample.c";
        public static ConfigOption<Integer> notFinal = ConfigOptions.intOption("sample.not-final", 1, "Ignored.");
        static final ConfigOption<Integer> NOT_PUBLIC = ConfigOptions.intOption("sample.hidden", 1, "Ignored.");
    }

    public static final class ClashingOptions {
        public static final ConfigOption<Integer> A_AGAIN = ConfigOptions.intOption("sample.a", 2, "Other A.");
    }

    @Test
    void findsPublicStaticFinalOptionsSortedByKey() {
        ConfigOptionRegistry registry = ConfigOptionRegistry.of(SampleOptions.class, CoreOptions.class);

        assertThat(registry.groups()).extracting(ConfigOptionRegistry.OptionGroup::optionsClass)
                .containsExactly(SampleOptions.class, CoreOptions.class);
        assertThat(registry.groups().get(0).options()).containsExactly(SampleOptions.A, SampleOptions.B);
        assertThat(registry.options()).extracting(ConfigOption::key).isSorted()
                .contains("sample.a", "sample.b", "parallelism.default")
                .doesNotContain("sample.not-final", "sample.hidden");
        assertThat(registry.find("execution.target")).containsSame(CoreOptions.EXECUTION_TARGET);
        assertThat(registry.find("sample.c")).isEmpty();
    }

    @Test
    void allHoldsTheEngineOptionClassesAndSkipsMissingOnes() {
        assertThat(ConfigOptionRegistry.all().options())
                .contains(CoreOptions.DEFAULT_PARALLELISM, ClusterOptions.HEARTBEAT_TIMEOUT,
                        TaskExecutorOptions.NUM_TASK_SLOTS);

        ConfigOptionRegistry partial = ConfigOptionRegistry.ofClassNames(
                List.of("io.spindle.configuration.CoreOptions", "io.spindle.nowhere.MissingOptions"));
        assertThat(partial.missingClasses()).containsExactly("io.spindle.nowhere.MissingOptions");
        assertThat(partial.groups()).hasSize(1);
    }

    @Test
    void sameKeyInTwoClassesIsRejected() {
        assertThatThrownBy(() -> ConfigOptionRegistry.of(SampleOptions.class, ClashingOptions.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'sample.a' is declared twice")
                .hasMessageContaining("SampleOptions").hasMessageContaining("ClashingOptions");
    }
}
