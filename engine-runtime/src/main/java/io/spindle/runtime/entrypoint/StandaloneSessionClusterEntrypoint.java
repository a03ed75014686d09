package io.spindle.runtime.entrypoint;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.resourcemanager.StandaloneResourceDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager process of a standalone session cluster ({@code scripts/jobmanager.sh}):
 * {@code --configDir <dir> [-Dkey=value]...}. Runs until {@code DELETE /cluster} or SIGTERM.
 */
public final class StandaloneSessionClusterEntrypoint {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneSessionClusterEntrypoint.class);

    private StandaloneSessionClusterEntrypoint() {}

    public static void main(String[] args) {
        Configuration configuration = EntrypointSupport.loadOrExit(args, "JobManager");
        JobManagerProcess process;
        try {
            process = JobManagerProcess.start(configuration, rpcService -> new StandaloneResourceDriver());
        } catch (Exception e) {
            EntrypointSupport.exitWithError("The JobManager could not start", e);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "jobmanager-shutdown"));
        process.getJobManager().getShutDownRequest().join();
        LOG.info("JobManager stops: the cluster was asked to shut down");
        process.close();
        System.exit(0);
    }
}
