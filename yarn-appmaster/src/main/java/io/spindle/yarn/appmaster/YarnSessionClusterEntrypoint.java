package io.spindle.yarn.appmaster;

import io.spindle.configuration.Configuration;
import io.spindle.deployment.YarnDeploymentConstants;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AM of a session cluster: serves jobs until {@code DELETE /cluster} (or the yarn-session client's
 * stop). The cached files a client shipped for a job go when the job ends.
 */
public final class YarnSessionClusterEntrypoint {
    private static final Logger LOG = LoggerFactory.getLogger(YarnSessionClusterEntrypoint.class);

    private YarnSessionClusterEntrypoint() {}

    public static void main(String[] args) {
        YarnClusterEntrypoint.run(new YarnClusterEntrypoint.ClusterMode() {
            @Override
            public String name() {
                return "session";
            }

            @Override
            public CompletableFuture<ClusterOutcome> run(JobManagerProcess process, Configuration configuration) {
                String staging = System.getenv(YarnDeploymentConstants.ENV_STAGING_DIR);
                if (staging != null) {
                    process.getJobManager().addJobTerminationListener(result ->
                            CompletableFuture.runAsync(() -> deleteJobFiles(staging, result.getJobId())));
                }
                return process.getJobManager().getShutDownRequest().thenApply(ignored ->
                        new ClusterOutcome(FinalApplicationStatus.SUCCEEDED, "The session was stopped"));
            }
        });
    }

    /** Off the JobManager's threads: a FileSystem call may block. */
    private static void deleteJobFiles(String staging, String jobId) {
        Path jobFiles = new Path(new Path(staging, YarnDeploymentConstants.SESSION_JOB_FILES_DIRECTORY), jobId);
        try {
            FileSystem.get(URI.create(staging), new org.apache.hadoop.conf.Configuration()).delete(jobFiles, true);
        } catch (Exception e) {
            LOG.warn("Could not delete the cached files {} of the ended job {}; they go with the session", jobFiles, jobId, e);
        }
    }
}
