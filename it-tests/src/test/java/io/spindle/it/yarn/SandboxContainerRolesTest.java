package io.spindle.it.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.sandbox.SandboxContainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sandbox recognises Spindle's containers by their main classes without depending on
 * engine-runtime; this keeps its copy of the names in step with the deployment's.
 */
class SandboxContainerRolesTest {

    @Test
    void theSandboxKnowsTheMainClassesSpindleLaunchesInContainers() {
        for (String entrypoint : List.of(YarnDeploymentConstants.SESSION_ENTRYPOINT,
                YarnDeploymentConstants.PER_JOB_ENTRYPOINT, YarnDeploymentConstants.APPLICATION_ENTRYPOINT)) {
            assertThat(roleOf(entrypoint)).as(entrypoint).isEqualTo(SandboxContainer.Role.AM);
        }
        assertThat(roleOf(YarnDeploymentConstants.TASK_MANAGER_RUNNER)).isEqualTo(SandboxContainer.Role.TASKMANAGER);
    }

    private static SandboxContainer.Role roleOf(String mainClass) {
        return SandboxContainer.Role.of(List.of("-cp", "engine.jar", YarnDeploymentConstants.CONTAINER_BOOTSTRAP, mainClass));
    }
}
