package io.spindle.yarn.appmaster;

import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.graph.JobGraph;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.messages.JobResultMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * AM of a per-job cluster: runs the JobGraph the client shipped as {@code job.graph} (its user
 * jars shipped beside it) and ends, with the job's outcome, when the job ends. A later attempt
 * finds the job already recovered from the HA job store and does not submit it again.
 */
public final class YarnJobClusterEntrypoint {
    private YarnJobClusterEntrypoint() {}

    public static void main(String[] args) {
        YarnClusterEntrypoint.run(new YarnClusterEntrypoint.ClusterMode() {
            @Override
            public String name() {
                return "per-job";
            }

            @Override
            public CompletableFuture<ClusterOutcome> run(JobManagerProcess process, Configuration configuration)
                    throws Exception {
                JobGraph shipped = JobGraph.fromBytes(Files.readAllBytes(Path.of(YarnDeploymentConstants.JOB_GRAPH_FILE)));
                // The client lists the user jars by the names they were shipped under; the blob server serves them.
                List<String> blobKeys = new ArrayList<>();
                for (String jarName : shipped.getUserJars()) {
                    blobKeys.add(process.getBlobServer().put(shipped.getJobId().toHexString(), Path.of(jarName)));
                }
                JobGraph jobGraph = shipped.withUserJars(blobKeys);
                CompletableFuture<ClusterOutcome> outcome = new CompletableFuture<>();
                String jobId = jobGraph.getJobId().toHexString();
                process.getJobManager().addJobTerminationListener(result -> {
                    if (result.getJobId().equals(jobId)) {
                        outcome.complete(ClusterOutcome.ofJob(result, "Job '" + result.getName() + "' (" + jobId + ")"));
                    }
                });
                Optional<JobStatus> recovered = YarnClusterEntrypoint.recoveredStatus(process, jobId);
                if (recovered.isEmpty()) {
                    process.getDispatcher().submitJob(jobGraph).get();
                } else if (recovered.get().isGloballyTerminal()) {
                    JobResultMessage result = YarnClusterEntrypoint.resultOf(process, jobId);
                    outcome.complete(ClusterOutcome.ofJob(result, "Job '" + result.getName() + "' (" + jobId + ")"));
                }
                return outcome;
            }
        });
    }
}
