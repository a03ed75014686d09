package io.spindle.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import org.junit.jupiter.api.Test;

class ContainerCommandTest {
    @Test
    void jobManagerStartsThroughTheBootstrapWithItsOwnOptionsAndLog() {
        Configuration configuration = new Configuration();
        configuration.setString(ClusterOptions.JVM_OPTIONS.key(), "-Dshared=1");

        String command = ContainerCommand.of(ContainerCommand.Role.JOB_MANAGER, "com.example.Main", 576, configuration);

        assertThat(command).startsWith("{{JAVA_HOME}}/bin/java -Xmx576m -Dshared=1 -XX:TieredStopAtLevel=1 ")
                .contains(" -Dlog.file=<LOG_DIR>/jobmanager.log -Dlog4j.configurationFile=log4j2-jobmanager.xml ",
                        " --add-opens java.base/sun.nio.ch=ALL-UNNAMED ")
                .contains(" -cp {{CLASSPATH}} " + YarnDeploymentConstants.CONTAINER_BOOTSTRAP + " com.example.Main ")
                .endsWith(" 1> <LOG_DIR>/jobmanager.out 2> <LOG_DIR>/jobmanager.err");
    }

    @Test
    void taskManagersKeepTheFullJitUnlessConfigured() {
        Configuration configuration = new Configuration();
        String defaults = ContainerCommand.of(ContainerCommand.Role.TASK_MANAGER, "Runner", 700, configuration);
        configuration.setString(ClusterOptions.TASK_MANAGER_JVM_OPTIONS.key(), " -XX:+UseParallelGC ");
        String configured = ContainerCommand.of(ContainerCommand.Role.TASK_MANAGER, "Runner", 700, configuration);

        assertThat(defaults).startsWith("{{JAVA_HOME}}/bin/java -Xmx700m -Dlog.file=<LOG_DIR>/taskmanager.log ")
                .doesNotContain("TieredStopAtLevel");
        assertThat(configured).startsWith("{{JAVA_HOME}}/bin/java -Xmx700m -XX:+UseParallelGC -Dlog.file=");
    }

    @Test
    void valuesArriveVerbatimThroughTheLaunchScriptAndDoubleQuotesInJvmOptionsAreRefused() {
        assertThat(ContainerCommand.escapeForLaunchScript("a=\"$HOME\" `x` \\n")).isEqualTo("a=\\\"\\$HOME\\\" \\`x\\` \\\\n");

        Configuration configuration = new Configuration();
        configuration.setString(ClusterOptions.TASK_MANAGER_JVM_OPTIONS.key(), "-XX:OnOutOfMemoryError=\"kill -9 %p\"");
        assertThatThrownBy(() -> ContainerCommand.checkOptions(configuration))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("env.java.opts.taskmanager").hasMessageContaining("single quotes");
        configuration.setString(ClusterOptions.TASK_MANAGER_JVM_OPTIONS.key(), "-XX:OnOutOfMemoryError='kill -9 %p'");
        ContainerCommand.checkOptions(configuration);
    }
}
