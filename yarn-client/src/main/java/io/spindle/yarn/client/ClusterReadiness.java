package io.spindle.yarn.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Waits for a submitted application to be RUNNING with a JobManager REST endpoint that answers
 * {@code GET /overview}, reporting progress to a listener.
 */
final class ClusterReadiness {
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    static final Duration ACCEPTED_HINT_AFTER = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

    private final YarnClient yarnClient;
    private final DeploymentProgressListener listener;
    private final HttpClient httpClient = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    ClusterReadiness(YarnClient yarnClient, DeploymentProgressListener listener) {
        this.yarnClient = yarnClient;
        this.listener = listener;
    }

    /**
     * Returns the REST base URL once the cluster is ready; fails when the application ends or
     * the timeout passes. {@code resourceSummary} describes the AM's request for the hint.
     */
    String awaitReady(ApplicationId applicationId, Duration timeout, String queue, String resourceSummary)
            throws ClusterDeploymentException, IOException, YarnException, InterruptedException {
        long start = System.nanoTime();
        YarnApplicationState lastState = null;
        boolean hinted = false;
        while (true) {
            ApplicationReport report = yarnClient.getApplicationReport(applicationId);
            YarnApplicationState state = report.getYarnApplicationState();
            if (state != lastState) {
                listener.stateChanged(applicationId, state);
                lastState = state;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            switch (state) {
                case FINISHED, FAILED, KILLED -> throw new ClusterDeploymentException("The YARN application "
                        + applicationId + " ended as " + state + " while it was being deployed: " + report.getDiagnostics()
                        + "\nSee the JobManager's log with: yarn logs -applicationId " + applicationId);
                case RUNNING -> {
                    String restUrl = restUrlOf(report);
                    if (restUrl != null && answers(restUrl)) {
                        return restUrl;
                    }
                }
                case ACCEPTED -> {
                    if (!hinted && elapsed.compareTo(ACCEPTED_HINT_AFTER) >= 0) {
                        listener.hint("The application is still ACCEPTED after " + ACCEPTED_HINT_AFTER.toSeconds()
                                + " s: YARN may not have the resources for the ApplicationMaster (queue " + queue + ", "
                                + resourceSummary + "). Check the queue's free capacity in the ResourceManager's UI "
                                + "or with: yarn queue -status " + queue);
                        hinted = true;
                    }
                }
                default -> { }
            }
            if (elapsed.compareTo(timeout) >= 0) {
                throw new ClusterDeploymentException("The YARN application " + applicationId + " was not ready after "
                        + timeout.toSeconds() + " s (it is " + state + "); it has been killed. Raise "
                        + YarnConfigOptions.DEPLOYMENT_TIMEOUT.key() + " if the cluster is just slow, or see the log with: "
                        + "yarn logs -applicationId " + applicationId);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /**
     * The AM registers its REST address as tracking URL (and its REST port as RPC port); the
     * original tracking URL bypasses the ResourceManager's web proxy.
     */
    static String restUrlOf(ApplicationReport report) {
        String tracking = report.getOriginalTrackingUrl();
        if (tracking != null && !tracking.isBlank() && !tracking.equals("N/A")) {
            String url = tracking.contains("://") ? tracking : "http://" + tracking;
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        String host = report.getHost();
        if (host != null && !host.isBlank() && !host.equals("N/A") && report.getRpcPort() > 0) {
            return "http://" + host + ':' + report.getRpcPort();
        }
        return null;
    }

    private boolean answers(String restUrl) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + "/overview")).timeout(HTTP_TIMEOUT).GET().build();
            return httpClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException notYet) {
            return false;
        }
    }
}
