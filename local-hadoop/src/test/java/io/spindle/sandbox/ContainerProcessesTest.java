package io.spindle.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.sandbox.ContainerProcesses.ProcessSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerProcessesTest {
    private static final Path YARN_DIR = Path.of("/work/build/local-hadoop/yarn");
    private static final String APP = "application_1718000000000_0003";
    private static final String CONTAINER = "container_1718000000000_0003_01_000002";
    private static final Path CONTAINER_DIR = YARN_DIR.resolve(
            "yarn-localDir-nm-0_0/usercache/root/appcache/" + APP + "/" + CONTAINER);
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void aContainerIsTheWorkingDirectoryNamedByItsIdInItsApplicationsDirectory() {
        assertThat(ContainerProcesses.containerIdOf(YARN_DIR, CONTAINER_DIR)).contains(CONTAINER);
        String withEpoch = "container_e03_1718000000000_0003_01_000001";
        assertThat(ContainerProcesses.containerIdOf(YARN_DIR, CONTAINER_DIR.resolveSibling(withEpoch))).contains(withEpoch);

        assertThat(ContainerProcesses.containerIdOf(Path.of("/other/sandbox/yarn"), CONTAINER_DIR)).isEmpty();
        assertThat(ContainerProcesses.containerIdOf(YARN_DIR, CONTAINER_DIR.resolve("tmp"))).isEmpty();
        assertThat(ContainerProcesses.containerIdOf(YARN_DIR,
                CONTAINER_DIR.getParent().resolveSibling("application_1718000000000_0004").resolve(CONTAINER))).isEmpty();
        assertThat(ContainerProcesses.containerIdOf(YARN_DIR, CONTAINER_DIR.resolveSibling("container_broken"))).isEmpty();
    }

    @Test
    void theJvmOfAContainerIsItsProcessAndItsMainClassItsRole() {
        List<ProcessSnapshot> launch = List.of(
                new ProcessSnapshot(100, "/usr/bin/bash", List.of(CONTAINER_DIR + "/default_container_executor.sh"), T0),
                new ProcessSnapshot(101, "/usr/bin/bash", List.of("launch_container.sh"), T0.plusMillis(10)),
                new ProcessSnapshot(102, "/usr/lib/jvm/java-17/bin/java", List.of("-Xmx512m",
                        "-Dlog.file=/logs/" + CONTAINER + "/taskmanager.log", "-cp", "a.jar:b.jar",
                        "io.spindle.deployment.ContainerBootstrap", "io.spindle.yarn.appmaster.YarnTaskManagerRunner"),
                        T0.plusMillis(20)));

        SandboxContainer container = ContainerProcesses.describe(CONTAINER, launch);

        assertThat(container).isEqualTo(new SandboxContainer(CONTAINER, SandboxContainer.Role.TASKMANAGER, 102, APP));
        assertThat(container.line()).isEqualTo(CONTAINER + " taskmanager 102 " + APP);
    }

    @Test
    void everyApplicationMasterEntrypointIsAnAm() {
        for (String entrypoint : List.of("io.spindle.yarn.appmaster.YarnSessionClusterEntrypoint",
                "io.spindle.yarn.appmaster.YarnJobClusterEntrypoint",
                "io.spindle.yarn.appmaster.YarnApplicationClusterEntrypoint")) {
            assertThat(SandboxContainer.Role.of(List.of("-cp", "x.jar", "io.spindle.deployment.ContainerBootstrap", entrypoint)))
                    .isEqualTo(SandboxContainer.Role.AM);
        }
        assertThat(SandboxContainer.Role.of(List.of("-cp", "x.jar", "org.example.Main"))).isEqualTo(SandboxContainer.Role.OTHER);
    }

    @Test
    void aContainerWithoutAJvmIsItsInnermostProcessAndOfAnotherRole() {
        List<ProcessSnapshot> launch = List.of(
                new ProcessSnapshot(200, "/usr/bin/bash", List.of("default_container_executor.sh"), T0),
                new ProcessSnapshot(202, "/usr/bin/sleep", List.of("600"), T0.plusMillis(30)),
                new ProcessSnapshot(201, "/usr/bin/bash", List.of("launch_container.sh"), T0.plusMillis(10)));

        assertThat(ContainerProcesses.describe(CONTAINER, launch))
                .isEqualTo(new SandboxContainer(CONTAINER, SandboxContainer.Role.OTHER, 202, APP));
    }

    @Test
    void aJvmThatStartsAnotherIsTheContainersProcess() {
        List<ProcessSnapshot> launch = List.of(
                new ProcessSnapshot(301, "/jdk/bin/java", List.of("org.example.Child"), T0.plusMillis(40)),
                new ProcessSnapshot(300, "/jdk/bin/java", List.of("io.spindle.yarn.appmaster.YarnSessionClusterEntrypoint"), T0));

        assertThat(ContainerProcesses.describe(CONTAINER, launch).pid()).isEqualTo(300);
    }

    @Test
    void rolesAndSignalsParseFromTheirNames() {
        assertThat(SandboxContainer.Role.ofLabel("am")).isEqualTo(SandboxContainer.Role.AM);
        assertThat(SandboxContainer.Role.ofLabel("taskmanager")).isEqualTo(SandboxContainer.Role.TASKMANAGER);
        assertThatThrownBy(() -> SandboxContainer.Role.ofLabel("TM")).hasMessageContaining("Unknown container role 'TM'");
        assertThat(ContainerSignal.parse("stop")).isEqualTo(ContainerSignal.STOP);
        assertThatThrownBy(() -> ContainerSignal.parse("TERM")).hasMessageContaining("Unknown signal 'TERM'");
    }

    @Test
    void sequentialNodesEndWithTheirTenDigitCounter() {
        assertThat(EmbeddedZooKeeper.sequenceNumber("_c_8a1f-latch-0000000012")).contains(12L);
        assertThat(EmbeddedZooKeeper.sequenceNumber("leader")).isEmpty();
        assertThat(EmbeddedZooKeeper.sequenceNumber("latch-12")).isEmpty();
    }
}
