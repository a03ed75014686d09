package io.spindle.sandbox;

import java.util.List;
import java.util.Set;

/**
 * A live container of the sandbox's NodeManagers, seen from its processes.
 *
 * @param containerId YARN's id of the container
 * @param role what the container runs
 * @param pid the container's JVM (for a container without one, its most recently started process)
 * @param applicationId the application the container belongs to
 */
public record SandboxContainer(String containerId, Role role, long pid, String applicationId) {

    /** What a container runs, recognised by the Spindle main class on its JVM's command line. */
    public enum Role {
        /**
         * Main classes as in engine-runtime's YarnDeploymentConstants, which the sandbox does not
         * depend on; an it-test keeps them in step.
         */
        AM("am", Set.of("io.spindle.yarn.appmaster.YarnSessionClusterEntrypoint",
                "io.spindle.yarn.appmaster.YarnJobClusterEntrypoint",
                "io.spindle.yarn.appmaster.YarnApplicationClusterEntrypoint")),
        TASKMANAGER("taskmanager", Set.of("io.spindle.yarn.appmaster.YarnTaskManagerRunner")),
        OTHER("other", Set.of());

        private final String label;
        private final Set<String> mainClasses;

        Role(String label, Set<String> mainClasses) {
            this.label = label;
            this.mainClasses = mainClasses;
        }

        /** The role whose main class is among a JVM's arguments; {@link #OTHER} if none is. */
        public static Role of(List<String> jvmArguments) {
            for (String argument : jvmArguments) {
                for (Role role : values()) {
                    if (role.mainClasses.contains(argument)) {
                        return role;
                    }
                }
            }
            return OTHER;
        }

        /** The name used on the command line and in listings. */
        public String label() {
            return label;
        }

        /** The role of that label. */
        public static Role ofLabel(String label) {
            for (Role role : values()) {
                if (role.label.equals(label)) {
                    return role;
                }
            }
            throw new IllegalArgumentException("Unknown container role '" + label + "': use am, taskmanager or other");
        }
    }

    /** {@code <containerId> <role> <pid> <applicationId>}, the line {@code local-hadoop.sh containers} prints. */
    public String line() {
        return containerId + " " + role.label() + " " + pid + " " + applicationId;
    }
}
