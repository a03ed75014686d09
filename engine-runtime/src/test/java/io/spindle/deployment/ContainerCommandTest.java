package io.spindle.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.ClusterOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerCommandTest {
    @Test
    void jobManagerStartsThroughTheBootstrapWithItsOwnOptionsAndLog() {
        Configuration configuration = new Configuration();
        configuration.setString(ClusterOptions.JVM_OPTIONS.key(), "-Dshared=1");

        String command = ContainerCommand.of(ContainerCommand.Role.JOB_MANAGER, "com.example.Main", 576, configuration, null);

        assertThat(command).startsWith("{{JAVA_HOME}}/bin/java -Xmx576m -Dshared=1 -XX:TieredStopAtLevel=1 ")
                .contains(" -Dlog.file=<LOG_DIR>/jobmanager.log -Dlog4j.configurationFile=log4j2-jobmanager.xml ",
                        " --add-opens java.base/sun.nio.ch=ALL-UNNAMED ")
                .contains(" -cp {{CLASSPATH}} " + YarnDeploymentConstants.CONTAINER_BOOTSTRAP + " com.example.Main ")
                .endsWith(" 1> <LOG_DIR>/jobmanager.out 2> <LOG_DIR>/jobmanager.err");
    }

    @Test
    void taskManagersKeepTheFullJitUnlessConfigured() {
        Configuration configuration = new Configuration();
        String defaults = ContainerCommand.of(ContainerCommand.Role.TASK_MANAGER, "Runner", 700, configuration, null);
        configuration.setString(ClusterOptions.TASK_MANAGER_JVM_OPTIONS.key(), " -XX:+UseParallelGC ");
        String configured = ContainerCommand.of(ContainerCommand.Role.TASK_MANAGER, "Runner", 700, configuration, null);

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

    @Test
    void theLaunchScriptMapsTheNodesArchiveOfTheRoleOrRecordsTheLoadedClasses(@TempDir Path userDir) throws Exception {
        String command = ContainerCommand.of(ContainerCommand.Role.TASK_MANAGER, "Runner", 700, new Configuration(), "k1");
        String options = command.substring(command.indexOf("$("), command.indexOf(')') + 1);
        Path archive = userDir.resolve(ClassDataArchive.DIRECTORY).resolve("taskmanager-k1.jsa");

        assertThat(command).startsWith("{{JAVA_HOME}}/bin/java -Xmx700m $(").doesNotContain("\"");
        assertThat(expandAsTheLaunchScript(options, userDir)).isEqualTo("-XX:DumpLoadedClassList=spindle-loaded-classes.txt");
        Files.createDirectories(archive.getParent());
        Files.createFile(archive);
        assertThat(expandAsTheLaunchScript(options, userDir))
                .isEqualTo("-XX:SharedArchiveFile=" + userDir + "//" + ClassDataArchive.DIRECTORY + "/taskmanager-k1.jsa"
                        + " -Dspindle.class-data.mapped=true");
    }

    /** Expands the fragment inside double quotes, as the NodeManager's launch script does, with two user dirs. */
    private static String expandAsTheLaunchScript(String fragment, Path userDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "printf %s \"" + fragment + "\"").redirectErrorStream(true);
        builder.environment().put("LOCAL_USER_DIRS", userDir + "/," + userDir.resolve("other") + "/");
        Process expanded = builder.start();
        String output = new String(expanded.getInputStream().readAllBytes()).trim();
        assertThat(expanded.waitFor()).isZero();
        return output;
    }
}
