package io.spindle.yarn.client.cli;

import io.spindle.yarn.client.ClusterClientHandle;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.YarnClusterDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Stops a session: asks its JobManager to shut down ({@code DELETE /cluster}), which unregisters
 * the application and deletes its staging directory, and waits for YARN to report the end. A
 * session that cannot be asked, or does not end in time, is killed.
 */
final class SessionShutdown {
    /** How long a session may take from the shutdown request to its final status. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final YarnClusterDescriptor descriptor;
    private final ClusterClientHandle session;
    private final PrintStream out;
    private final Duration stopTimeout;

    SessionShutdown(YarnClusterDescriptor descriptor, ClusterClientHandle session, PrintStream out) {
        this(descriptor, session, out, STOP_TIMEOUT);
    }

    /** With {@code stopTimeout} from the request to the end in place of {@link #STOP_TIMEOUT}. */
    SessionShutdown(YarnClusterDescriptor descriptor, ClusterClientHandle session, PrintStream out, Duration stopTimeout) {
        this.descriptor = descriptor;
        this.session = session;
        this.out = out;
        this.stopTimeout = stopTimeout;
    }

    /** Returns the session's final status once YARN reports it ended. */
    FinalApplicationStatus stop() throws ClusterDeploymentException, IOException, YarnException, InterruptedException {
        out.println("Stopping the session " + session.applicationId() + ".");
        String refusal = requestShutdown();
        FinalApplicationStatus status = FinalApplicationStatus.UNDEFINED;
        if (refusal == null) {
            status = session.waitForFinalStatus(stopTimeout);
            if (status == FinalApplicationStatus.UNDEFINED) {
                refusal = "it did not end within " + stopTimeout.toSeconds() + " s";
            }
        }
        if (refusal != null) {
            out.println("The session did not shut down (" + refusal + "); killing the YARN application.");
            descriptor.kill(session.applicationId());
            status = FinalApplicationStatus.KILLED;
        }
        out.println("The session " + session.applicationId() + " has stopped (final status " + status + ").");
        return status;
    }

    /** Null when the JobManager accepted the request, else why it could not be asked. */
    private String requestShutdown() throws InterruptedException {
        Duration httpTimeout = stopTimeout.compareTo(HTTP_TIMEOUT) < 0 ? stopTimeout : HTTP_TIMEOUT;
        HttpClient http = HttpClient.newBuilder().connectTimeout(httpTimeout).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(session.restUrl() + "/cluster"))
                .timeout(httpTimeout).DELETE().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "DELETE /cluster answered HTTP " + status;
        } catch (IOException e) {
            return "its REST endpoint " + session.restUrl() + " cannot be reached: " + e;
        }
    }
}
