package io.spindle.yarn.appmaster;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;

/** AM of a session cluster: serves jobs until {@code DELETE /cluster} (or the yarn-session client's stop). */
public final class YarnSessionClusterEntrypoint {
    private YarnSessionClusterEntrypoint() {}

    public static void main(String[] args) {
        YarnClusterEntrypoint.run(new YarnClusterEntrypoint.ClusterMode() {
            @Override
            public String name() {
                return "session";
            }

            @Override
            public CompletableFuture<ClusterOutcome> run(JobManagerProcess process, Configuration configuration) {
                return process.getJobManager().getShutDownRequest().thenApply(ignored ->
                        new ClusterOutcome(FinalApplicationStatus.SUCCEEDED, "The session was stopped"));
            }
        });
    }
}
