package io.spindle.yarn.client;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * A Spindle cluster running on YARN: its application id, the base URL of its JobManager's REST
 * endpoint, and the application's state from the ResourceManager. Uses the
 * {@link YarnClusterDescriptor}'s client, so it is usable while that descriptor is open.
 */
public final class ClusterClientHandle {
    private static final Set<YarnApplicationState> TERMINAL =
            EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

    /** Whether YARN is done with an application in this state (FINISHED, FAILED or KILLED). */
    static boolean hasEnded(YarnApplicationState state) {
        return TERMINAL.contains(state);
    }

    private final ApplicationId applicationId;
    private final String restUrl;
    private final YarnClient yarnClient;

    ClusterClientHandle(ApplicationId applicationId, String restUrl, YarnClient yarnClient) {
        this.applicationId = applicationId;
        this.restUrl = restUrl;
        this.yarnClient = yarnClient;
    }

    public ApplicationId applicationId() {
        return applicationId;
    }

    /** The JobManager's REST base URL without trailing slash, e.g. {@code http://host:8081}. */
    public String restUrl() {
        return restUrl;
    }

    /** The ResourceManager's current report of the application. */
    public ApplicationReport report() throws IOException, YarnException {
        return yarnClient.getApplicationReport(applicationId);
    }

    /** {@code UNDEFINED} while the application runs, then how it ended. */
    public FinalApplicationStatus finalStatus() throws IOException, YarnException {
        return report().getFinalApplicationStatus();
    }

    /**
     * Waits until the application has ended and returns its final status, or
     * {@code UNDEFINED} if it still runs after the timeout.
     */
    public FinalApplicationStatus waitForFinalStatus(Duration timeout)
            throws IOException, YarnException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ApplicationReport report = report();
            if (hasEnded(report.getYarnApplicationState()) || System.nanoTime() - deadline >= 0) {
                return report.getFinalApplicationStatus();
            }
            Thread.sleep(200);
        }
    }

    @Override
    public String toString() {
        return applicationId + " (REST " + restUrl + ")";
    }
}
