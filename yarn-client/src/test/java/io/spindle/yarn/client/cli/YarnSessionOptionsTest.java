package io.spindle.yarn.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.MemorySize;
import io.spindle.ha.HighAvailabilityOptions;
import io.spindle.runtime.taskexecutor.TaskExecutorOptions;
import io.spindle.yarn.client.YarnConfigOptions;
import org.junit.jupiter.api.Test;

class YarnSessionOptionsTest {
    @Test
    void parsesFlinksFlags() throws Exception {
        YarnSessionOptions options = YarnSessionOptions.parse(new String[] {"-d", "-jm", "1024", "-tm", "2g", "-s", "3",
                "-nm", "my session", "-qu", "batch", "-z", "team-a", "-D", "a.b=1", "-Dc.d= x=y ", "--applicationId",
                "application_1_0001"});

        assertThat(options.detached()).isTrue();
        assertThat(options.jobManagerMemory()).isEqualTo(MemorySize.ofMebiBytes(1024));
        assertThat(options.taskManagerMemory()).isEqualTo(MemorySize.ofMebiBytes(2048));
        assertThat(options.slots()).isEqualTo(3);
        assertThat(options.dynamicProperties()).containsExactly(
                java.util.Map.entry("a.b", "1"), java.util.Map.entry("c.d", "x=y"));
        assertThat(options.applicationId()).isEqualTo("application_1_0001");

        Configuration configuration = options.applyTo(new Configuration().setString("a.b", "0"));
        assertThat(configuration.get(ClusterOptions.JOB_MANAGER_PROCESS_MEMORY)).isEqualTo(MemorySize.ofMebiBytes(1024));
        assertThat(configuration.get(ClusterOptions.TASK_MANAGER_PROCESS_MEMORY)).isEqualTo(MemorySize.ofMebiBytes(2048));
        assertThat(configuration.get(TaskExecutorOptions.NUM_TASK_SLOTS)).isEqualTo(3);
        assertThat(configuration.get(YarnConfigOptions.APPLICATION_NAME)).isEqualTo("my session");
        assertThat(configuration.get(YarnConfigOptions.APPLICATION_QUEUE)).isEqualTo("batch");
        assertThat(configuration.get(HighAvailabilityOptions.CLUSTER_ID)).isEqualTo("team-a");
        assertThat(configuration.getString("a.b")).isEqualTo("1");
    }

    @Test
    void explicitFlagsWinOverDynamicProperties() throws Exception {
        Configuration configuration = YarnSessionOptions.parse(new String[] {"-s", "2", "-D", "taskmanager.numberOfTaskSlots=5"})
                .applyTo(new Configuration());
        assertThat(configuration.get(TaskExecutorOptions.NUM_TASK_SLOTS)).isEqualTo(2);
    }

    @Test
    void rejectsUnknownFlagsAndStrayArguments() {
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"-x"}))
                .isInstanceOf(SessionCliUsageException.class)
                .hasMessage("Unknown option '-x'; 'yarn-session.sh -h' lists the options");
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"job.jar"}))
                .hasMessage("Unexpected argument 'job.jar'; 'yarn-session.sh -h' lists the options");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"-jm", "lots"}))
                .hasMessage("-jm expects a memory size of at least 1 MB such as 1024m or 1g, got 'lots'");
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"-tm", "512k"}))
                .hasMessageStartingWith("-tm expects a memory size of at least 1 MB");
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"-s", "0"}))
                .hasMessage("-s expects a number of slots of at least 1, got '0'");
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"-D", "novalue"}))
                .hasMessage("-D expects key=value, got 'novalue'");
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"-nm"}))
                .hasMessage("Option -nm needs a value <name>");
    }

    @Test
    void parsesFlinksShipTypeLabelJarAndQueryFlags() throws Exception {
        YarnSessionOptions options = YarnSessionOptions.parse(new String[] {"-t", "a.txt;lib", "--ship", "b.jar",
                "-at", "Streaming", "-nl", "gpu", "-j", "/opt/spindle/engine.jar", "-q"});

        assertThat(options.shipFiles()).containsExactly("a.txt;lib", "b.jar");
        assertThat(options.query()).isTrue();
        Configuration configuration = options.applyTo(new Configuration().setString("yarn.ship-files", "conf.d"));
        assertThat(configuration.get(YarnConfigOptions.SHIP_FILES)).as("added to the configured files, as Flink's")
                .isEqualTo("conf.d;a.txt;lib;b.jar");
        assertThat(configuration.get(YarnConfigOptions.APPLICATION_TYPE)).isEqualTo("Streaming");
        assertThat(configuration.get(YarnConfigOptions.NODE_LABEL)).isEqualTo("gpu");
        assertThat(configuration.get(YarnConfigOptions.SPINDLE_DIST_JAR)).isEqualTo("/opt/spindle/engine.jar");
    }

    @Test
    void withoutTheNewFlagsTheConfigurationIsLeftAsItIs() throws Exception {
        Configuration configuration = YarnSessionOptions.parse(new String[] {"-d"}).applyTo(new Configuration());
        assertThat(configuration.contains(YarnConfigOptions.SHIP_FILES)).isFalse();
        assertThat(configuration.contains(YarnConfigOptions.NODE_LABEL)).isFalse();
        assertThat(configuration.get(YarnConfigOptions.APPLICATION_TYPE)).isEqualTo("Spindle");
    }

    @Test
    void rejectsEmptyValuesOfTheNewFlags() {
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"-t", " "}))
                .hasMessage("Option -t needs a non-empty value");
        assertThatThrownBy(() -> YarnSessionOptions.parse(new String[] {"-nl"}))
                .hasMessage("Option -nl needs a value <label>");
    }
}
