package io.spindle.runtime.dispatcher;

import io.spindle.ha.HighAvailabilityServices;
import io.spindle.runtime.jobmaster.JobMasterFactory;
import io.spindle.runtime.messages.JobResultMessage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What a {@link Dispatcher} works with, the same for every leader session of a JobManager.
 *
 * @param jobMasterFactory makes the JobMaster of each job (called on {@code io}: it may read stores)
 * @param haServices where job graphs are kept for a later leader, and a job's HA data is cleaned up
 * @param io runs the blocking work (stores, JobMaster creation) off the Dispatcher's main thread
 * @param scheduler runs the cluster shutdown
 * @param shutDownCluster stops the cluster, on a client's request
 * @param jobTerminationListener told of every job that ends for good
 */
public record DispatcherServices(JobMasterFactory jobMasterFactory, HighAvailabilityServices haServices, Executor io,
        ScheduledExecutorService scheduler, Runnable shutDownCluster, Consumer<JobResultMessage> jobTerminationListener) {}
