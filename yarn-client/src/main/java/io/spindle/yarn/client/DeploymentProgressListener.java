package io.spindle.yarn.client;

import java.io.PrintStream;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/** Hears how a deployment goes while the client waits for the cluster; called on the deploying thread. */
@FunctionalInterface
public interface DeploymentProgressListener {
    /** A listener that ignores everything. */
    DeploymentProgressListener NONE = (applicationId, state) -> { };

    /** The application moved to a new state (reported once per state). */
    void stateChanged(ApplicationId applicationId, YarnApplicationState state);

    /** Advice for the user while the deployment is slow; ignored unless overridden. */
    default void hint(String message) {}

    /** Prints one line per event, as the CLI shows progress. */
    static DeploymentProgressListener printingTo(PrintStream out) {
        return new DeploymentProgressListener() {
            @Override
            public void stateChanged(ApplicationId applicationId, YarnApplicationState state) {
                out.println("YARN application " + applicationId + " is " + state);
            }

            @Override
            public void hint(String message) {
                out.println(message);
            }
        };
    }
}
