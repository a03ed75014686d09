package io.spindle.runtime.jobmaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobMasterConfigurationTest {
    private static JobMasterConfiguration cluster(String... keyValues) {
        Configuration configuration = new Configuration();
        for (int i = 0; i < keyValues.length; i += 2) {
            configuration.setString(keyValues[i], keyValues[i + 1]);
        }
        return new JobMasterConfiguration(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5), configuration);
    }

    @Test
    void aJobWithoutItsOwnRestartStrategyGetsTheClusters() {
        JobMasterConfiguration configuration = cluster("restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "7", "rest.port", "8081");
        Configuration job = new Configuration().setString("parallelism.default", "2");

        assertThat(configuration.restartStrategyConfiguration(job).toMap()).containsOnly(
                java.util.Map.entry("restart-strategy.type", "fixed-delay"),
                java.util.Map.entry("restart-strategy.fixed-delay.attempts", "7"));
    }

    @Test
    void aJobThatChoosesItsOwnKeepsIt() {
        JobMasterConfiguration configuration = cluster("restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "7");
        Configuration job = new Configuration().setString("restart-strategy.type", "none");

        assertThat(configuration.restartStrategyConfiguration(job).toMap())
                .containsExactly(java.util.Map.entry("restart-strategy.type", "none"));
    }

    @Test
    void aJobThatOnlyTunesTheClustersStrategyKeepsItsType() {
        JobMasterConfiguration configuration = cluster("restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "7");
        Configuration job = new Configuration().setString("restart-strategy.fixed-delay.attempts", "10");

        assertThat(configuration.restartStrategyConfiguration(job).toMap()).containsOnly(
                java.util.Map.entry("restart-strategy.type", "fixed-delay"),
                java.util.Map.entry("restart-strategy.fixed-delay.attempts", "10"));
    }
}
