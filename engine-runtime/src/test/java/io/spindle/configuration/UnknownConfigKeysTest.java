package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.UnknownConfigKeys.UnknownKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownConfigKeysTest {
    private static final ConfigOption<Duration> INTERVAL = ConfigOptions.durationOption(
            "execution.checkpointing.interval", null, "interval").withDeprecatedKeys("execution.checkpointing.old-interval");
    private static final ConfigOption<Integer> SLOTS = ConfigOptions.intOption("taskmanager.numberOfTaskSlots", 1, "slots");

    private static final UnknownConfigKeys KEYS = UnknownConfigKeys.of(List.of(INTERVAL, SLOTS),
            List.of("yarn.application.queue yarn.queue-before", ""));

    private static Configuration configuration(String... keysAndValues) {
        Configuration configuration = new Configuration();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            configuration.setString(keysAndValues[i], keysAndValues[i + 1]);
        }
        return configuration;
    }

    @Test
    void keysOfOptionsTheirDeprecatedKeysAndListedKeysAreKnown() {
        assertThat(KEYS.find(configuration("execution.checkpointing.interval", "1 s",
                "execution.checkpointing.old-interval", "1 s", "taskmanager.numberOfTaskSlots", "2",
                "yarn.application.queue", "default", "yarn.queue-before", "default"))).isEmpty();
    }

    @Test
    void aMisspeltKeyNamesTheClosestKnownKeyInKeyOrder() {
        List<UnknownKey> unknown = KEYS.find(configuration("taskmanager.numberoftaskslots", "2",
                "execution.checkpointing.intervall", "1 s", "yarn.aplication.queue", "q"));

        assertThat(unknown).containsExactly(
                new UnknownKey("execution.checkpointing.intervall", "execution.checkpointing.interval"),
                new UnknownKey("taskmanager.numberoftaskslots", "taskmanager.numberOfTaskSlots"),
                new UnknownKey("yarn.aplication.queue", "yarn.application.queue"));
        assertThat(unknown.get(0).message("-D")).isEqualTo("Configuration key 'execution.checkpointing.intervall' (-D)"
                + " is not a Spindle option and is ignored; did you mean 'execution.checkpointing.interval'?");
    }

    @Test
    void aKeyFarFromEveryKnownKeyGetsNoSuggestion() {
        List<UnknownKey> unknown = KEYS.find(configuration("metrics.reporter.prom.factory.class", "x"));

        assertThat(unknown).containsExactly(new UnknownKey("metrics.reporter.prom.factory.class", null));
        assertThat(unknown.get(0).message("conf/spindle-conf.yaml")).isEqualTo("Configuration key"
                + " 'metrics.reporter.prom.factory.class' (conf/spindle-conf.yaml) is not a Spindle option and is ignored.");
    }

    @Test
    void aSuggestionMayDifferInAQuarterOfTheKeysCharactersAndNoMore() {
        // 32 characters: 8 edits are allowed, 9 are not.
        assertThat(KEYS.closestKnownKey("execution.checkpointing.interval".substring(0, 24) + "xxxxxxxx"))
                .isEqualTo("execution.checkpointing.interval");
        assertThat(KEYS.closestKnownKey("execution.checkpointing.interval".substring(0, 23) + "xxxxxxxxx")).isNull();
        // Short keys still allow two edits.
        assertThat(UnknownConfigKeys.of(List.of(), List.of("ab")).closestKnownKey("xy")).isEqualTo("ab");
    }

    @Test
    void everyOptionOfEveryModuleIsKnownThroughTheGeneratedList() {
        UnknownConfigKeys all = UnknownConfigKeys.ofAllModules();
        assertThat(all.find(configuration("yarn.application.queue", "q", "resourcemanager.start-worker-retry-interval",
                "1 s", "state.checkpoints.dir", "file:///tmp", "parallelism.default", "2"))).isEmpty();
        assertThat(all.find(configuration("parallelism.defualt", "2")))
                .containsExactly(new UnknownKey("parallelism.defualt", "parallelism.default"));
    }

    @Test
    void reportsEachKeyOncePerProcess() {
        List<String> warnings = new ArrayList<>();
        Configuration typo = configuration("heartbeat.intervall", "1 s");

        UnknownConfigKeys.reportOnce(typo, "first", warnings::add);
        UnknownConfigKeys.reportOnce(typo, "second", warnings::add);

        assertThat(warnings).containsExactly("Configuration key 'heartbeat.intervall' (first) is not"
                + " a Spindle option and is ignored; did you mean 'heartbeat.interval'?");
    }
}
