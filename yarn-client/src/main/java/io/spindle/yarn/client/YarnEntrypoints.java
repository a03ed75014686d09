package io.spindle.yarn.client;

import io.spindle.deployment.YarnDeploymentConstants;

/** Main classes the ApplicationMaster's container runs, per deployment mode. */
public record YarnEntrypoints(String session, String perJob, String application) {
    /** The entry points of the {@code yarn-appmaster} module. */
    public static final YarnEntrypoints DEFAULT = new YarnEntrypoints(
            YarnDeploymentConstants.SESSION_ENTRYPOINT,
            YarnDeploymentConstants.PER_JOB_ENTRYPOINT,
            YarnDeploymentConstants.APPLICATION_ENTRYPOINT);

    /** The same main class for every mode (tests run their own ApplicationMaster). */
    public static YarnEntrypoints all(String mainClass) {
        return new YarnEntrypoints(mainClass, mainClass, mainClass);
    }
}
