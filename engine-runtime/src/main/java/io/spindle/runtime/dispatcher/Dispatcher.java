package io.spindle.runtime.dispatcher;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.spindle.api.JobStatus;
import io.spindle.configuration.UnknownConfigKeys;
import io.spindle.graph.JobGraph;
import io.spindle.ha.JobResultStore;
import io.spindle.runtime.dispatcher.CompletedJobArchive.ArchivedJob;
import io.spindle.runtime.dispatcher.cleanup.JobCleanup;
import io.spindle.runtime.dispatcher.cleanup.JobResourceCleaner;
import io.spindle.runtime.dispatcher.cleanup.JobResourceCleaners;
import io.spindle.runtime.dispatcher.cleanup.RetryScheduler;
import io.spindle.rpc.FencedRpcEndpoint;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.jobmaster.JobMasterService;
import io.spindle.runtime.messages.Empty;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobIdMessage;
import io.spindle.runtime.messages.JobList;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.JobStatusMessage;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.messages.JsonDocument;
import io.spindle.runtime.messages.CheckpointIdMessage;
import io.spindle.runtime.messages.SavepointLocation;
import io.spindle.runtime.messages.SubmitJob;
import io.spindle.runtime.messages.TriggerSavepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts jobs, starts a JobMaster for each, and answers for running and completed jobs
 * (status, result, cancel, listing). Fenced by the JobManager's leader session.
 */
public final class Dispatcher extends FencedRpcEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final UUID leaderSessionId;
    private final DispatcherServices services;
    private final List<JobGraph> recoveredJobs;
    private final Map<String, JobMasterService> runningJobs = new LinkedHashMap<>();
    /** Jobs whose JobMaster is being made on the I/O executor: their ids are taken, and their status is CREATED. */
    private final Map<String, JobGraph> startingJobs = new LinkedHashMap<>();
    /**
     * JobMasters made but not yet started. Whoever removes one owns it: the main thread starts
     * it, or the Dispatcher's stop (or the I/O thread, seeing the stop) closes it.
     */
    private final Set<JobMasterService> unstartedJobMasters = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private final CompletedJobArchive completedJobs;
    /** The cleanups under way, one per job at most; cancelled when this Dispatcher stops. */
    private final Map<String, JobCleanup> cleanups = new LinkedHashMap<>();

    /** The entries of the job-result store: jobs that ended under an earlier leader, and never run again. */
    private final List<JobResultStore.JobResultEntry> endedJobs;

    /**
     * @param recoveredJobs jobs an earlier leader ran, read from the job-graph store: they run
     *     again, from their latest completed checkpoint
     * @param endedJobs the entries of the job-result store: jobs that ended under an earlier
     *     leader; they do not run again, they are answered for, and a dirty one's cleanup resumes
     */
    public Dispatcher(RpcService rpcService, UUID leaderSessionId, DispatcherServices services,
            List<JobGraph> recoveredJobs, List<JobResultStore.JobResultEntry> endedJobs) {
        super(rpcService, DispatcherGateway.ENDPOINT_ID);
        this.leaderSessionId = leaderSessionId;
        this.services = services;
        this.recoveredJobs = List.copyOf(recoveredJobs);
        this.endedJobs = endedJobs.stream()
                .sorted(java.util.Comparator.comparingLong(entry -> entry.result().getEndTime())).toList();
        this.completedJobs = new CompletedJobArchive(services.jobStoreLimits(), System::currentTimeMillis);
    }

    @Override
    protected void onStart() {
        setFencingToken(leaderSessionId);
        for (JobResultStore.JobResultEntry ended : endedJobs) {
            archiveEndedEarlier(ended);
        }
        for (JobGraph jobGraph : recoveredJobs) {
            LOG.info("Recovering job '{}' ({})", jobGraph.getName(), jobGraph.getJobId());
            runJob(jobGraph, false).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.error("Could not recover job '{}' ({})", jobGraph.getName(), jobGraph.getJobId(), failure);
                }
            });
        }
    }

    @Override
    protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
        return switch (method) {
            case DispatcherGateway.SUBMIT_JOB -> submitJob(SubmitJob.parseFrom(payload));
            case DispatcherGateway.REQUEST_JOB_STATUS -> requestJobStatus(jobId(payload));
            case DispatcherGateway.REQUEST_JOB_RESULT -> requestJobResult(jobId(payload));
            case DispatcherGateway.CANCEL_JOB -> cancelJob(jobId(payload));
            case DispatcherGateway.LIST_JOBS -> listJobs();
            case DispatcherGateway.REQUEST_JOB_DETAILS -> {
                String jobId = jobId(payload);
                ArchivedJob archived = completedJobs.get(jobId);
                yield archived != null ? CompletableFuture.completedFuture(archived.detailsWithCleanup())
                        : runningJob(jobId).requestDetails();
            }
            case DispatcherGateway.REQUEST_JOB_EXCEPTIONS -> {
                String jobId = jobId(payload);
                ArchivedJob archived = completedJobs.get(jobId);
                yield archived != null ? CompletableFuture.completedFuture(archived.exceptions())
                        : runningJob(jobId).requestExceptions();
            }
            case DispatcherGateway.REQUEST_CHECKPOINT_STATS -> {
                String jobId = jobId(payload);
                ArchivedJob archived = completedJobs.get(jobId);
                yield archived != null ? CompletableFuture.completedFuture(archived.checkpointStats())
                        : runningJob(jobId).requestCheckpointStats().thenApply(Dispatcher::document);
            }
            case DispatcherGateway.TRIGGER_SAVEPOINT -> {
                TriggerSavepoint request = TriggerSavepoint.parseFrom(payload);
                String target = request.getTargetDirectory().isEmpty() ? null : request.getTargetDirectory();
                CompletableFuture<String> location = request.getStop()
                        ? runningJobFor("be stopped with a savepoint", request.getJobId())
                                .stopWithSavepoint(target, request.getDrain())
                        : runningJobFor("take a savepoint", request.getJobId()).triggerSavepoint(target);
                yield location.thenApply(path -> SavepointLocation.newBuilder().setLocation(path).build());
            }
            case DispatcherGateway.TRIGGER_CHECKPOINT -> runningJobFor("take a checkpoint", jobId(payload))
                    .triggerCheckpoint().thenApply(id -> CheckpointIdMessage.newBuilder().setCheckpointId(id).build());
            case DispatcherGateway.SHUT_DOWN_CLUSTER -> {
                LOG.info("Shutting the cluster down on request");
                // Answer first; the shutdown closes this endpoint.
                services.scheduler().execute(services.shutDownCluster());
                yield CompletableFuture.completedFuture(Empty.getDefaultInstance());
            }
            default -> throw unknownMethod(method);
        };
    }

    private CompletableFuture<Empty> submitJob(SubmitJob request) {
        JobGraph jobGraph = JobGraph.fromBytes(request.getJobGraph().toByteArray());
        String jobId = jobGraph.getJobId().toHexString();
        if (runningJobs.containsKey(jobId) || completedJobs.contains(jobId) || startingJobs.containsKey(jobId)) {
            throw new IllegalArgumentException("Job " + jobId + " was already submitted");
        }
        UnknownConfigKeys.reportOnce(jobGraph.getConfiguration(),
                "configuration of job '" + jobGraph.getName() + "' (" + jobId + ")", LOG::warn);
        return runJob(jobGraph, true).thenApply(ignored -> Empty.getDefaultInstance());
    }

    /**
     * Makes the job's JobMaster on the I/O executor (it may read the checkpoint store), keeps the
     * job graph for a later leader when {@code store} (a submission, not a recovery), then starts
     * the JobMaster here. The JobMaster is made first, so a job it refuses is never stored.
     */
    private CompletableFuture<Void> runJob(JobGraph jobGraph, boolean store) {
        String jobId = jobGraph.getJobId().toHexString();
        startingJobs.put(jobId, jobGraph);
        return CompletableFuture.supplyAsync(() -> {
            if (store) {
                refuseIfEnded(jobGraph);
            }
            JobMasterService jobMaster;
            try {
                jobMaster = services.jobMasterFactory().create(jobGraph, leaderSessionId);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            if (store) {
                try {
                    services.haServices().getJobGraphStore().putJobGraph(jobGraph);
                } catch (Exception e) {
                    jobMaster.close();
                    throw new CompletionException(new IllegalStateException("Could not store job '"
                            + jobGraph.getName() + "' (" + jobId + ") for high availability: " + e.getMessage(), e));
                }
            }
            unstartedJobMasters.add(jobMaster);
            if (stopped && unstartedJobMasters.remove(jobMaster)) {
                jobMaster.close();
                throw new CompletionException(new IllegalStateException("The Dispatcher stopped"));
            }
            return jobMaster;
        }, services.io()).thenAcceptAsync(jobMaster -> {
            startingJobs.remove(jobId);
            if (unstartedJobMasters.remove(jobMaster)) {
                startJobMaster(jobGraph, jobMaster);
            }
        }, getMainThreadExecutor()).whenCompleteAsync((ignored, failure) -> {
            if (failure != null) {
                startingJobs.remove(jobId);
                if (unwrap(failure) instanceof EndedJobException ended) {
                    archiveEndedEarlier(ended.entry);
                }
            }
        }, getMainThreadExecutor());
    }

    /** A job that ended under an earlier leader (or JobManager): answered for, and its cleanup resumed if dirty. */
    private void archiveEndedEarlier(JobResultStore.JobResultEntry ended) {
        JobResultMessage result = ended.result();
        if (completedJobs.contains(result.getJobId()) || cleanups.containsKey(result.getJobId())) {
            return;
        }
        completedJobs.put(result.getJobId(), ArchivedJob.ofResult(result));
        if (!ended.clean()) {
            LOG.info("Job '{}' ({}) ended as {} under an earlier leader; finishing its cleanup", result.getName(),
                    result.getJobId(), result.getStatus());
            startCleanup(result);
        }
    }

    /**
     * The job ended for good: its dirty entry in the job-result store first, so that no later
     * leader runs it again even if this one dies during the cleanup; then what it leaves, in order;
     * then the entry is marked clean. Failed steps are retried as the cleanup strategy says.
     */
    private void startCleanup(JobResultMessage result) {
        String jobId = result.getJobId();
        List<JobResourceCleaner> steps = new ArrayList<>();
        steps.add(JobResourceCleaners.recordEnd(services.haServices()));
        steps.addAll(services.jobResourceCleaners());
        steps.add(JobResourceCleaners.highAvailabilityData(services.haServices()));
        steps.add(JobResourceCleaners.markClean(services.haServices()));
        JobCleanup cleanup = JobCleanup.start(result, steps, services.cleanupRetryStrategy(), services.io(),
                RetryScheduler.of(services.scheduler()));
        cleanups.put(jobId, cleanup);
        ArchivedJob archived = completedJobs.get(jobId);
        if (archived != null) {
            completedJobs.update(jobId, archived.withCleanup(cleanup));
        }
        cleanup.result().thenAcceptAsync(report -> {
            cleanups.remove(jobId, cleanup);
            if (report.status() == JobCleanup.Status.COMPLETED) {
                LOG.info("Cleaned up job '{}' ({})", result.getName(), jobId);
            }
            services.jobTerminationListener().accept(result);
        }, getMainThreadExecutor());
    }

    private void startJobMaster(JobGraph jobGraph, JobMasterService jobMaster) {
        String jobId = jobGraph.getJobId().toHexString();
        runningJobs.put(jobId, jobMaster);
        jobMaster.getResultFuture()
                .thenCompose(result -> jobMaster.requestDetails().thenCombine(jobMaster.requestExceptions(),
                        (details, exceptions) -> Map.entry(details, exceptions))
                        .thenCombine(jobMaster.requestCheckpointStats(), (views, stats) ->
                                new ArchivedJob(result, views.getKey(), views.getValue(), document(stats), null))
                        // The JobMaster may be gone already: keep the bare result rather than lose the job.
                        .exceptionally(failure -> ArchivedJob.ofResult(result)))
                .whenCompleteAsync((archived, failure) -> {
                    runningJobs.remove(jobId);
                    // A JobMaster stopped with its leadership has no result: the next leader runs the job.
                    if (archived != null) {
                        completedJobs.put(jobId, archived);
                        startCleanup(archived.result());
                    }
                    jobMaster.close();
                }, getMainThreadExecutor());
        jobMaster.start();
        LOG.info("Running job '{}' ({})", jobGraph.getName(), jobId);
    }

    /**
     * A job id runs once: a submission under the id of an ended job is refused (its cleanup
     * resumed, on the main thread, if an earlier leader left it unfinished). I/O executor.
     */
    private void refuseIfEnded(JobGraph jobGraph) {
        String jobId = jobGraph.getJobId().toHexString();
        Optional<JobResultStore.JobResultEntry> entry;
        try {
            entry = services.haServices().getJobResultStore().find(jobId);
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException("Could not read the job-result store to check"
                    + " that job " + jobId + " did not run before: " + e.getMessage(), e));
        }
        if (entry.isEmpty()) {
            return;
        }
        throw new CompletionException(new EndedJobException(entry.get(), jobGraph.getName()));
    }

    /** A submission under the id of a job the job-result store knows. */
    private static final class EndedJobException extends IllegalArgumentException {
        private final transient JobResultStore.JobResultEntry entry;

        EndedJobException(JobResultStore.JobResultEntry entry, String jobName) {
            super("Job " + entry.result().getJobId() + " ('" + jobName + "') already ran and ended as "
                    + entry.result().getStatus() + (entry.clean() ? "" : "; its cleanup was resumed")
                    + ": submit it under a new job id to run it again");
            this.entry = entry;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private CompletableFuture<JobStatusMessage> requestJobStatus(String jobId) {
        ArchivedJob completed = completedJobs.get(jobId);
        if (completed != null) {
            return CompletableFuture.completedFuture(JobStatusMessage.newBuilder().setStatus(completed.result().getStatus()).build());
        }
        if (startingJobs.containsKey(jobId)) {
            return CompletableFuture.completedFuture(JobStatusMessage.newBuilder().setStatus(JobStatus.CREATED.name()).build());
        }
        return runningJob(jobId).requestStatus()
                .thenApply(status -> JobStatusMessage.newBuilder().setStatus(status.name()).build());
    }

    private CompletableFuture<JobResultMessage> requestJobResult(String jobId) {
        ArchivedJob completed = completedJobs.get(jobId);
        return completed != null ? CompletableFuture.completedFuture(completed.result()) : runningJob(jobId).getResultFuture();
    }

    private CompletableFuture<Empty> cancelJob(String jobId) {
        ArchivedJob completed = completedJobs.get(jobId);
        if (completed != null) {
            throw new IllegalStateException("Job " + jobId + " cannot be cancelled: it has already ended as "
                    + completed.result().getStatus());
        }
        return runningJob(jobId).cancel().thenApply(ignored -> Empty.getDefaultInstance());
    }

    private CompletableFuture<JobList> listJobs() {
        List<CompletableFuture<JobSummary>> summaries = new ArrayList<>();
        for (JobMasterService jobMaster : runningJobs.values()) {
            summaries.add(jobMaster.requestSummary());
        }
        return CompletableFuture.allOf(summaries.toArray(CompletableFuture[]::new)).thenApplyAsync(ignored -> {
            JobList.Builder list = JobList.newBuilder();
            summaries.forEach(summary -> list.addJobs(summary.join()));
            completedJobs.all().forEach(archived -> list.addJobs(archived.details().getSummary()));
            return list.build();
        }, getMainThreadExecutor());
    }

    /** The running job, or a failure that says why an ended one cannot {@code action}. */
    private JobMasterService runningJobFor(String action, String jobId) {
        ArchivedJob archived = completedJobs.get(jobId);
        if (archived != null) {
            throw new IllegalStateException("Job " + jobId + " is " + archived.result().getStatus() + ": only a running job"
                    + " can " + action);
        }
        return runningJob(jobId);
    }

    private JobMasterService runningJob(String jobId) {
        JobMasterService jobMaster = runningJobs.get(jobId);
        if (jobMaster == null) {
            throw new NoSuchElementException("Job " + jobId + " not found");
        }
        return jobMaster;
    }

    private static JsonDocument document(String jsonOrNull) {
        return jsonOrNull == null ? JsonDocument.getDefaultInstance() : JsonDocument.newBuilder().setJson(jsonOrNull).build();
    }

    private static String jobId(ByteString payload) throws Exception {
        return JobIdMessage.parseFrom(payload).getJobId();
    }

    @Override
    protected void onStop() {
        stopped = true;
        for (JobMasterService jobMaster : List.copyOf(unstartedJobMasters)) {
            if (unstartedJobMasters.remove(jobMaster)) {
                jobMaster.close();
            }
        }
        runningJobs.values().forEach(JobMasterService::close);
        runningJobs.clear();
        // The next leader resumes them from the job-result store's dirty entries.
        cleanups.values().forEach(JobCleanup::cancel);
        cleanups.clear();
    }
}
