package io.spindle.runtime.dispatcher;

import io.spindle.ha.HighAvailabilityServices;
import io.spindle.runtime.dispatcher.cleanup.CleanupRetryStrategy;
import io.spindle.runtime.dispatcher.cleanup.JobResourceCleaner;
import io.spindle.runtime.jobmaster.JobMasterFactory;
import io.spindle.runtime.messages.JobResultMessage;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What a {@link Dispatcher} works with, the same for every leader session of a JobManager.
 *
 * @param jobMasterFactory makes the JobMaster of each job (called on {@code io}: it may read stores)
 * @param haServices where job graphs are kept for a later leader, and a job's HA data is cleaned up
 * @param io runs the blocking work (stores, JobMaster creation, cleanup) off the Dispatcher's main thread
 * @param scheduler runs the cluster shutdown and keeps the pauses between cleanup attempts
 * @param shutDownCluster stops the cluster, on a client's request
 * @param jobTerminationListener told of every job that ended for good, once its cleanup is over
 *     (done, or given up by the retry strategy)
 * @param jobResourceCleaners what an ended job leaves outside the HA services (jars, checkpoints),
 *     deleted in this order after its end is recorded and before its HA data goes
 * @param cleanupRetryStrategy how a failed cleanup step is retried
 * @param jobStoreLimits how many ended jobs are held for monitoring, and for how long
 */
public record DispatcherServices(JobMasterFactory jobMasterFactory, HighAvailabilityServices haServices, Executor io,
        ScheduledExecutorService scheduler, Runnable shutDownCluster, Consumer<JobResultMessage> jobTerminationListener,
        List<JobResourceCleaner> jobResourceCleaners, CleanupRetryStrategy cleanupRetryStrategy,
        JobStoreOptions.Limits jobStoreLimits) {}
