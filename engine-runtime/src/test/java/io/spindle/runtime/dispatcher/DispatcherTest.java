package io.spindle.runtime.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.ha.JobResultStore;
import io.spindle.runtime.dispatcher.cleanup.CleanupRetryStrategy;
import io.spindle.runtime.dispatcher.cleanup.JobResourceCleaner;
import io.spindle.runtime.messages.CleanupLeftover;
import io.spindle.runtime.messages.JobCleanupReport;
import io.spindle.ha.StandaloneHaServices;
import io.spindle.rpc.FencingTokenException;
import io.spindle.rpc.RpcException;
import io.spindle.rpc.RpcGateway;
import io.spindle.rpc.RpcOptions;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.jobmaster.JobMasterFactory;
import io.spindle.runtime.jobmaster.JobMasterService;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.ExceptionEntry;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.messages.JsonDocument;
import io.spindle.runtime.messages.SubtaskInfo;
import io.spindle.runtime.messages.VertexInfo;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Dispatcher} on a loopback {@link RpcService}, called through its
 * {@link DispatcherGateway}, with fake JobMasters whose results the test completes. Proves that
 * a submitted job gets a started JobMaster under the leader session, that queries go to it while
 * it runs and to the archive once it ended (and the JobMaster was closed), and how duplicate
 * submissions, cancelling an ended job, unknown jobs and a wrong fencing token are refused.
 * Waits only on futures, each with a timeout.
 */
class DispatcherTest {
    private static final long WAIT_SECONDS = 10;

    private final UUID session = UUID.randomUUID();
    private final FakeJobMasterFactory jobMasters = new FakeJobMasterFactory();
    private final List<JobResultMessage> terminated = new CopyOnWriteArrayList<>();
    private final AtomicInteger shutdowns = new AtomicInteger();
    private final StandaloneHaServices haServices = new StandaloneHaServices("127.0.0.1:1");
    /** What the test's jobs leave outside the HA services, and how their cleanup retries: set before a start. */
    private List<JobResourceCleaner> jobResourceCleaners = List.of();
    private java.util.function.Consumer<JobResultMessage> terminatedListener = result -> {};
    private CleanupRetryStrategy cleanupRetryStrategy = CleanupRetryStrategy.none();
    private JobStoreOptions.Limits jobStoreLimits = new JobStoreOptions.Limits(Integer.MAX_VALUE, Duration.ofHours(1));
    private RpcService rpcService;
    private ScheduledExecutorService scheduler;
    private Dispatcher dispatcher;
    private RpcGateway rpc;
    private DispatcherGateway gateway;

    @BeforeEach
    void startDispatcher() throws Exception {
        rpcService = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        scheduler = Executors.newSingleThreadScheduledExecutor();
        startDispatcher(List.of());
    }

    private void startDispatcher(List<JobGraph> recoveredJobs) throws Exception {
        startDispatcher(recoveredJobs, List.of());
    }

    private void startDispatcher(List<JobGraph> recoveredJobs, List<JobResultStore.JobResultEntry> endedJobs)
            throws Exception {
        dispatcher = new Dispatcher(rpcService, session, new DispatcherServices(jobMasters, haServices, scheduler,
                scheduler, shutdowns::incrementAndGet, result -> {
                    terminated.add(result);
                    terminatedListener.accept(result);
                }, jobResourceCleaners, cleanupRetryStrategy,
                jobStoreLimits), recoveredJobs, endedJobs);
        dispatcher.start();
        rpc = await(rpcService.connect(rpcService.getAddress(), DispatcherGateway.ENDPOINT_ID));
        gateway = new DispatcherGateway(rpc, session);
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        rpcService.close();
        scheduler.shutdownNow();
    }

    @Test
    void aSubmittedJobRunsOnAStartedJobMasterThatAnswersForIt() throws Exception {
        JobGraph job = jobGraph("forwarded job");

        await(gateway.submitJob(job));

        assertThat(jobMasters.calls).singleElement().satisfies(call -> {
            assertThat(call.jobGraph().getJobId()).isEqualTo(job.getJobId());
            assertThat(call.jobGraph().toBytes()).isEqualTo(job.toBytes());
            assertThat(call.leaderSessionId()).isEqualTo(session);
        });
        FakeJobMaster jobMaster = jobMasters.only();
        assertThat(jobMaster.started).isTrue();
        assertThat(jobMaster.closed).isNotDone();

        jobMaster.status = JobStatus.RESTARTING;
        jobMaster.details = details(job, "RESTARTING", "DEPLOYING");
        jobMaster.exceptions = JobExceptionsMessage.newBuilder().setRootException("java.lang.RuntimeException: boom")
                .setTimestamp(1234).addHistory(ExceptionEntry.newBuilder().setExceptionName("java.lang.RuntimeException")
                        .setStacktrace("java.lang.RuntimeException: boom").setTimestamp(1234)).build();
        jobMaster.checkpointStats = "{\"counts\":{\"completed\":2}}";

        assertThat(await(gateway.listJobs()).getJobsList()).containsExactly(jobMaster.summary());
        assertThat(await(gateway.requestJobStatus(job.getJobId())).getStatus()).isEqualTo("RESTARTING");
        assertThat(await(gateway.requestJobDetails(job.getJobId()))).isEqualTo(jobMaster.details);
        assertThat(await(gateway.requestJobExceptions(job.getJobId()))).isEqualTo(jobMaster.exceptions);
        assertThat(await(gateway.requestCheckpointStats(job.getJobId())).getJson())
                .isEqualTo("{\"counts\":{\"completed\":2}}");
        await(gateway.cancelJob(job.getJobId()));
        assertThat(jobMaster.cancels).hasValue(1);

        CompletableFuture<JobResultMessage> result = gateway.requestJobResult(job.getJobId(), Duration.ofSeconds(WAIT_SECONDS));
        JobResultMessage ended = result(job, "CANCELED");
        jobMaster.result.complete(ended);
        assertThat(await(result)).isEqualTo(ended);
    }

    @Test
    void anEndedJobIsArchivedItsJobMasterClosedAndItIsAnsweredFromTheArchive() throws Exception {
        JobGraph ending = jobGraph("ending job");
        JobGraph running = jobGraph("running job");
        await(gateway.submitJob(ending));
        await(gateway.submitJob(running));
        FakeJobMaster jobMaster = jobMasters.created.get(0);
        jobMaster.details = details(ending, "FINISHED", "FINISHED");
        jobMaster.exceptions = JobExceptionsMessage.newBuilder().addHistory(ExceptionEntry.newBuilder()
                .setStacktrace("java.lang.RuntimeException: restart cause")).build();
        jobMaster.checkpointStats = "{\"counts\":{\"completed\":5}}";
        JobResultMessage ended = result(ending, "FINISHED");

        jobMaster.result.complete(ended);
        await(jobMaster.closed);

        awaitTrue("the job's end is reported once its cleanup is over", () -> !terminated.isEmpty());
        assertThat(terminated).containsExactly(ended);
        // from here on the JobMaster would fail every request: the answers come from the archive
        JobID id = ending.getJobId();
        assertThat(await(gateway.requestJobStatus(id)).getStatus()).isEqualTo("FINISHED");
        assertThat(await(gateway.requestJobResult(id, Duration.ofSeconds(WAIT_SECONDS)))).isEqualTo(ended);
        assertThat(await(gateway.requestJobDetails(id))).isEqualTo(jobMaster.details.toBuilder()
                .setCleanup(JobCleanupReport.newBuilder().setStatus("COMPLETED")).build());
        assertThat(await(gateway.requestJobExceptions(id))).isEqualTo(jobMaster.exceptions);
        assertThat(await(gateway.requestCheckpointStats(id)).getJson()).isEqualTo("{\"counts\":{\"completed\":5}}");
        assertThat(jobMaster.detailsRequests).as("details asked once, for the archive").hasValue(1);
        assertThat(jobMaster.statusRequests).hasValue(0);

        // running jobs first, then the archive
        assertThat(await(gateway.listJobs()).getJobsList())
                .containsExactly(jobMasters.created.get(1).summary(), jobMaster.details.getSummary());
        assertThat(jobMasters.created.get(1).closed).isNotDone();
    }

    @Test
    void aJobWithoutCheckpointsHasAnEmptyStatisticsDocumentRunningAndArchived() throws Exception {
        JobGraph job = jobGraph("no checkpoints");
        await(gateway.submitJob(job));
        FakeJobMaster jobMaster = jobMasters.only();

        assertThat(await(gateway.requestCheckpointStats(job.getJobId()))).isEqualTo(JsonDocument.getDefaultInstance());

        jobMaster.result.complete(result(job, "FINISHED"));
        await(jobMaster.closed);
        assertThat(await(gateway.requestCheckpointStats(job.getJobId()))).isEqualTo(JsonDocument.getDefaultInstance());
    }

    @Test
    void aSavepointOrCheckpointIsTakenByTheRunningJobAndRefusedOnceItEnded() throws Exception {
        JobGraph job = jobGraph("savepoints");
        await(gateway.submitJob(job));
        FakeJobMaster jobMaster = jobMasters.only();

        CompletableFuture<?> savepoint = gateway.triggerSavepoint(job.getJobId(), "hdfs:///savepoints",
                Duration.ofSeconds(WAIT_SECONDS));
        CompletableFuture<?> toDefault = gateway.triggerSavepoint(job.getJobId(), null, Duration.ofSeconds(WAIT_SECONDS));
        jobMaster.savepoint.complete("hdfs:///savepoints/savepoint-abc");
        assertThat(await(savepoint)).hasToString("location: \"hdfs:///savepoints/savepoint-abc\"\n");
        await(toDefault);
        assertThat(jobMaster.savepointTargets).containsExactly("hdfs:///savepoints", "null");
        assertThat(await(gateway.triggerCheckpoint(job.getJobId(), Duration.ofSeconds(WAIT_SECONDS))).getCheckpointId())
                .isEqualTo(7);

        jobMaster.result.complete(result(job, "FINISHED"));
        await(jobMaster.closed);
        assertThat(remoteFailure(gateway.triggerSavepoint(job.getJobId(), null, Duration.ofSeconds(WAIT_SECONDS)))
                .getRemoteMessage()).isEqualTo("Job " + job.getJobId().toHexString()
                        + " is FINISHED: only a running job can take a savepoint");
    }

    /** The JobMaster's views cannot be had when the job ends: the bare result is archived. */
    @Test
    void anEndedJobWhoseViewsFailIsArchivedFromItsResult() throws Exception {
        JobGraph job = jobGraph("views fail");
        await(gateway.submitJob(job));
        FakeJobMaster jobMaster = jobMasters.only();
        jobMaster.failViews = true;
        JobResultMessage ended = result(job, "FAILED");

        jobMaster.result.complete(ended);
        await(jobMaster.closed);
        awaitTrue("the job's end is reported once its cleanup is over", () -> !terminated.isEmpty());

        assertThat(await(gateway.requestJobDetails(job.getJobId()))).isEqualTo(JobDetailsMessage.newBuilder()
                .setSummary(JobSummary.newBuilder().setJobId(job.getJobId().toHexString()).setName("views fail")
                        .setStatus("FAILED").setStartTime(ended.getStartTime()).setEndTime(ended.getEndTime()))
                .setCleanup(JobCleanupReport.newBuilder().setStatus("COMPLETED"))
                .build());
        assertThat(await(gateway.requestJobExceptions(job.getJobId()))).isEqualTo(JobExceptionsMessage.getDefaultInstance());
        assertThat(await(gateway.requestJobResult(job.getJobId(), Duration.ofSeconds(WAIT_SECONDS)))).isEqualTo(ended);
        assertThat(terminated).containsExactly(ended);
    }

    /** The JobMaster stopped before its job ended: nothing is archived, the job is gone. */
    @Test
    void aJobMasterThatStopsWithoutAResultIsClosedAndForgotten() throws Exception {
        JobGraph job = jobGraph("stopped");
        await(gateway.submitJob(job));
        FakeJobMaster jobMaster = jobMasters.only();

        jobMaster.result.completeExceptionally(new IllegalStateException("The JobMaster stopped before the job ended"));
        await(jobMaster.closed);

        assertThat(remoteFailure(gateway.requestJobStatus(job.getJobId())).getRemoteMessage())
                .isEqualTo("Job " + job.getJobId().toHexString() + " not found");
        assertThat(await(gateway.listJobs()).getJobsList()).isEmpty();
        assertThat(terminated).isEmpty();
    }

    /** The job-graph store holds what a later leader must run again: running jobs, not ended ones. */
    @Test
    void aSubmittedJobIsStoredForALaterLeaderUntilItEnds() throws Exception {
        JobGraph job = jobGraph("stored");
        await(gateway.submitJob(job));
        JobGraph stored = haServices.getJobGraphStore().recoverJobGraph(job.getJobId().toHexString());
        assertThat(stored.toBytes()).isEqualTo(job.toBytes());

        jobMasters.only().result.complete(result(job, "FINISHED"));
        await(jobMasters.only().closed);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!haServices.getJobGraphStore().getJobIds().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(haServices.getJobGraphStore().getJobIds()).isEmpty();
    }

    /** A Dispatcher that stops (its leadership revoked) leaves its running jobs stored, and a new one runs them. */
    @Test
    void aStoppedDispatchersJobsStayStoredAndTheNextOneRecoversThem() throws Exception {
        JobGraph job = jobGraph("recovered");
        await(gateway.submitJob(job));
        FakeJobMaster first = jobMasters.only();

        dispatcher.close();
        assertThat(first.closed).isDone();
        assertThat(haServices.getJobGraphStore().getJobIds()).containsExactly(job.getJobId().toHexString());

        startDispatcher(List.of(haServices.getJobGraphStore().recoverJobGraph(job.getJobId().toHexString())));
        FakeJobMaster second = awaitJobMaster(1);
        assertThat(second.jobGraph.toBytes()).isEqualTo(job.toBytes());
        assertThat(second.started).isTrue();
        assertThat(await(gateway.requestJobStatus(job.getJobId())).getStatus()).isEqualTo("RUNNING");
        assertThat(remoteFailure(gateway.submitJob(job)).getRemoteMessage())
                .isEqualTo("Job " + job.getJobId().toHexString() + " was already submitted");
    }

    @Test
    void anEndedJobIsRecordedDirtyCleanedUpAndThenMarkedClean() throws Exception {
        JobGraph job = jobGraph("recorded");
        String jobId = job.getJobId().toHexString();
        await(gateway.submitJob(job));

        jobMasters.only().result.complete(result(job, "FAILED"));

        awaitCleanEntry(jobId);
        assertThat(haServices.getJobResultStore().find(jobId).orElseThrow().result().getStatus()).isEqualTo("FAILED");
        assertThat(haServices.getJobGraphStore().getJobIds()).isEmpty();
    }

    /** Flink's cleanup-strategy: a failed step is tried again, and the job's end is reported only once all went. */
    @Test
    void aFailedCleanupStepIsRetriedAndTheEntryStaysDirtyUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<Boolean> cleanWhenReported = new CopyOnWriteArrayList<>();
        jobResourceCleaners = List.of(JobResourceCleaner.of("checkpoints", job -> "hdfs:///checkpoints/" + job.getJobId(),
                job -> {
                    assertThat(haServices.getJobResultStore().find(job.getJobId())).as("recorded dirty first")
                            .hasValueSatisfying(entry -> assertThat(entry.clean()).isFalse());
                    if (attempts.incrementAndGet() < 3) {
                        throw new java.io.IOException("NameNode unreachable");
                    }
                }));
        cleanupRetryStrategy = CleanupRetryStrategy.fixedDelay(5, Duration.ofMillis(20));
        restartDispatcher();
        JobGraph job = jobGraph("retried");
        String jobId = job.getJobId().toHexString();
        terminatedListener = result -> cleanWhenReported.add(uncheckedClean(result.getJobId()));
        await(gateway.submitJob(job));

        jobMasters.only().result.complete(result(job, "FINISHED"));

        awaitTrue("the job's end is reported", () -> !cleanWhenReported.isEmpty());
        assertThat(attempts).hasValue(3);
        assertThat(cleanWhenReported).as("reported only after the entry was marked clean").containsExactly(true);
        assertThat(haServices.getJobGraphStore().getJobIds()).isEmpty();
    }

    /** cleanup-strategy: none, and a step that fails: nothing after it runs, and the report says what is left. */
    @Test
    void aCleanupThatGaveUpLeavesTheEntryDirtyAndTheDetailsSayWhatIsLeftAndWhere() throws Exception {
        jobResourceCleaners = List.of(JobResourceCleaner.of("checkpoints", job -> "hdfs:///checkpoints/" + job.getJobId(),
                job -> {
                    throw new java.io.IOException("NameNode unreachable");
                }));
        restartDispatcher();
        JobGraph job = jobGraph("left behind");
        String jobId = job.getJobId().toHexString();
        await(gateway.submitJob(job));

        jobMasters.only().result.complete(result(job, "FAILED"));

        awaitTrue("the job's end is reported once the cleanup gave up", () -> !terminated.isEmpty());
        assertThat(haServices.getJobResultStore().find(jobId)).hasValueSatisfying(entry -> assertThat(entry.clean()).isFalse());
        assertThat(haServices.getJobGraphStore().getJobIds()).as("the HA data stays for the next leader's attempt")
                .containsExactly(jobId);
        JobCleanupReport report = await(gateway.requestJobDetails(job.getJobId())).getCleanup();
        assertThat(report.getStatus()).isEqualTo("FAILED");
        assertThat(report.getLeftList()).extracting(CleanupLeftover::getResource)
                .containsExactly("checkpoints", "high-availability data", "job-result entry");
        assertThat(report.getLeft(0).getLocation()).isEqualTo("hdfs:///checkpoints/" + jobId);
        assertThat(report.getLeft(0).getFailedAttempts()).isEqualTo(1);
        assertThat(report.getLeft(0).getError()).isEqualTo("java.io.IOException: NameNode unreachable");
    }

    private boolean uncheckedClean(String jobId) {
        try {
            return haServices.getJobResultStore().find(jobId).map(JobResultStore.JobResultEntry::clean).orElse(false);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void restartDispatcher() throws Exception {
        dispatcher.close();
        startDispatcher(List.of());
    }

    /** A later leader (a new Dispatcher over the same stores) never runs an ended job id again. */
    @Test
    void aJobThatEndedUnderAnEarlierDispatcherIsRefusedByTheNext() throws Exception {
        JobGraph job = jobGraph("once");
        String jobId = job.getJobId().toHexString();
        await(gateway.submitJob(job));
        jobMasters.only().result.complete(result(job, "FINISHED"));
        awaitCleanEntry(jobId);
        dispatcher.close();

        startDispatcher(List.of());
        RpcException refused = remoteFailure(gateway.submitJob(job));

        assertThat(refused.getRemoteMessage()).isEqualTo("Job " + jobId + " ('once') already ran and ended as FINISHED:"
                + " submit it under a new job id to run it again");
        assertThat(jobMasters.calls).hasSize(1);
        assertThat(haServices.getJobGraphStore().getJobIds()).isEmpty();
    }

    /** What a leader that died during a cleanup leaves: a dirty entry and the job's graph, still stored. */
    @Test
    void aDirtyEntryFoundAtStartIsAnsweredForAndCleanedUpButTheJobDoesNotRun() throws Exception {
        dispatcher.close();
        JobGraph job = jobGraph("dirty");
        String jobId = job.getJobId().toHexString();
        haServices.getJobGraphStore().putJobGraph(job);
        JobResultMessage ended = result(job, "FINISHED");
        haServices.getJobResultStore().createDirtyResult(ended);

        startDispatcher(List.of(), List.of(new JobResultStore.JobResultEntry(ended, false)));

        assertThat(await(gateway.requestJobStatus(job.getJobId())).getStatus()).isEqualTo("FINISHED");
        assertThat(await(gateway.requestJobResult(job.getJobId(), Duration.ofSeconds(5))).getStatus())
                .isEqualTo("FINISHED");
        awaitCleanEntry(jobId);
        assertThat(haServices.getJobGraphStore().getJobIds()).isEmpty();
        assertThat(jobMasters.calls).isEmpty();
        assertThat(remoteFailure(gateway.submitJob(job)).getRemoteMessage()).contains("already submitted");
    }

    private void awaitCleanEntry(String jobId) throws Exception {
        awaitTrue("the job-result entry of " + jobId + " is clean", () -> haServices.getJobResultStore().find(jobId)
                .map(JobResultStore.JobResultEntry::clean).orElse(false));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** A job its JobMaster refuses (say, a savepoint that does not fit) is not stored. */
    @Test
    void aJobTheFactoryRefusesIsReportedAndNotStored() throws Exception {
        jobMasters.refusal = new IllegalArgumentException("Cannot start job 'refused' from /savepoints/x: no such file");
        JobGraph job = jobGraph("refused");

        RpcException refused = remoteFailure(gateway.submitJob(job));

        assertThat(refused.getRemoteMessage()).contains("no such file");
        assertThat(haServices.getJobGraphStore().getJobIds()).isEmpty();
        jobMasters.refusal = null;
        await(gateway.submitJob(job));
        assertThat(jobMasters.only().started).isTrue();
    }

    private FakeJobMaster awaitJobMaster(int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (jobMasters.created.size() <= index || !jobMasters.created.get(index).started) {
            assertThat(System.nanoTime()).as("JobMaster %d started in time", index).isLessThan(deadline);
            Thread.sleep(10);
        }
        return jobMasters.created.get(index);
    }

    @Test
    void theSameJobIdIsRefusedWhileItRunsAndAfterItEnded() throws Exception {
        JobGraph job = jobGraph("twice");
        await(gateway.submitJob(job));
        String refusal = "Job " + job.getJobId().toHexString() + " was already submitted";

        RpcException whileRunning = remoteFailure(gateway.submitJob(job));
        assertThat(whileRunning.getRemoteMessage()).isEqualTo(refusal);
        assertThat(whileRunning.getRemoteExceptionClass()).isEqualTo(IllegalArgumentException.class.getName());

        FakeJobMaster jobMaster = jobMasters.only();
        jobMaster.result.complete(result(job, "FINISHED"));
        await(jobMaster.closed);

        assertThat(remoteFailure(gateway.submitJob(job)).getRemoteMessage()).isEqualTo(refusal);
        assertThat(jobMasters.calls).hasSize(1);
    }

    @Test
    void cancellingAnEndedJobIsRefusedNamingItsFinalState() throws Exception {
        JobGraph job = jobGraph("ended");
        await(gateway.submitJob(job));
        FakeJobMaster jobMaster = jobMasters.only();
        jobMaster.result.complete(result(job, "FAILED"));
        await(jobMaster.closed);

        RpcException refused = remoteFailure(gateway.cancelJob(job.getJobId()));

        assertThat(refused.getRemoteMessage()).isEqualTo("Job " + job.getJobId().toHexString()
                + " cannot be cancelled: it has already ended as FAILED");
        assertThat(jobMaster.cancels).hasValue(0);
    }

    @Test
    void anUnknownJobIsNotFound() {
        JobID unknown = JobID.generate();
        String notFound = "Job " + unknown.toHexString() + " not found";

        List<CompletableFuture<?>> calls = List.of(gateway.requestJobStatus(unknown),
                gateway.requestJobResult(unknown, Duration.ofSeconds(WAIT_SECONDS)), gateway.requestJobDetails(unknown),
                gateway.requestJobExceptions(unknown), gateway.requestCheckpointStats(unknown), gateway.cancelJob(unknown));

        for (CompletableFuture<?> call : calls) {
            RpcException failure = remoteFailure(call);
            assertThat(failure.getRemoteMessage()).isEqualTo(notFound);
            assertThat(failure.getRemoteExceptionClass()).isEqualTo("java.util.NoSuchElementException");
        }
    }

    @Test
    void aCallWithAnotherFencingTokenIsRejected() throws Exception {
        UUID stale = UUID.randomUUID();
        DispatcherGateway impostor = new DispatcherGateway(rpc, stale);

        Throwable submit = failure(impostor.submitJob(jobGraph("rejected")));
        Throwable list = failure(impostor.listJobs());

        assertThat(submit).isInstanceOf(FencingTokenException.class)
                .hasMessageContaining("expected " + session).hasMessageContaining("received " + stale);
        assertThat(list).isInstanceOf(FencingTokenException.class);
        assertThat(jobMasters.calls).isEmpty();
        assertThat(await(gateway.listJobs()).getJobsList()).isEmpty();
    }

    // ---- helpers ----

    private static JobGraph jobGraph(String name) {
        return new JobGraph(JobID.generate(), name, List.of(new JobVertex(0, "Source", 1, 128, true, new byte[] {7})),
                List.of(), new Configuration(), List.of());
    }

    private static JobResultMessage result(JobGraph job, String status) {
        return JobResultMessage.newBuilder().setJobId(job.getJobId().toHexString()).setName(job.getName())
                .setStatus(status).setStartTime(1_000).setEndTime(9_000).putAccumulators("records", 42).build();
    }

    private static JobDetailsMessage details(JobGraph job, String status, String subtaskStatus) {
        return JobDetailsMessage.newBuilder()
                .setSummary(JobSummary.newBuilder().setJobId(job.getJobId().toHexString()).setName(job.getName())
                        .setStatus(status).setStartTime(1_000).setTasksTotal(1))
                .addVertices(VertexInfo.newBuilder().setId(0).setName("Source").setParallelism(1).setMaxParallelism(128)
                        .setStatus(subtaskStatus).addSubtasks(SubtaskInfo.newBuilder().setSubtask(0)
                                .setStatus(subtaskStatus).setTaskManagerId("tm-1").setHost("127.0.0.1")))
                .build();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The failure {@code future} ends with, within the timeout. */
    private static Throwable failure(CompletableFuture<?> future) {
        assertThat(future).failsWithin(Duration.ofSeconds(WAIT_SECONDS));
        try {
            future.get();
            throw new AssertionError("did not fail: " + future);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The failure of a call whose handler at the Dispatcher threw. */
    private static RpcException remoteFailure(CompletableFuture<?> future) {
        Throwable failure = failure(future);
        assertThat(failure).isExactlyInstanceOf(RpcException.class);
        return (RpcException) failure;
    }

    // ---- fakes ----

    private record FactoryCall(JobGraph jobGraph, UUID leaderSessionId) {}

    private static final class FakeJobMasterFactory implements JobMasterFactory {
        final List<FactoryCall> calls = new CopyOnWriteArrayList<>();
        final List<FakeJobMaster> created = new CopyOnWriteArrayList<>();
        volatile RuntimeException refusal;

        @Override
        public JobMasterService create(JobGraph jobGraph, UUID leaderSessionId) {
            calls.add(new FactoryCall(jobGraph, leaderSessionId));
            if (refusal != null) {
                throw refusal;
            }
            FakeJobMaster jobMaster = new FakeJobMaster(jobGraph);
            created.add(jobMaster);
            return jobMaster;
        }

        FakeJobMaster only() {
            assertThat(created).hasSize(1);
            return created.get(0);
        }
    }

    /**
     * Answers with whatever the test set; once closed, or while {@link #failViews}, every
     * request fails. Counts the requests it got.
     */
    private static final class FakeJobMaster implements JobMasterService {
        final JobGraph jobGraph;
        final CompletableFuture<JobResultMessage> result = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final AtomicInteger cancels = new AtomicInteger();
        final AtomicInteger detailsRequests = new AtomicInteger();
        final AtomicInteger statusRequests = new AtomicInteger();
        volatile boolean started;
        volatile boolean failViews;
        volatile JobStatus status = JobStatus.RUNNING;
        volatile JobDetailsMessage details = JobDetailsMessage.getDefaultInstance();
        volatile JobExceptionsMessage exceptions = JobExceptionsMessage.getDefaultInstance();
        volatile String checkpointStats;
        final List<String> savepointTargets = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<String> savepoint = new CompletableFuture<>();

        FakeJobMaster(JobGraph jobGraph) {
            this.jobGraph = jobGraph;
        }

        JobSummary summary() {
            return JobSummary.newBuilder().setJobId(jobGraph.getJobId().toHexString()).setName(jobGraph.getName())
                    .setStatus(status.name()).setTasksTotal(1).putTasksPerState("RUNNING", 1).build();
        }

        private <T> CompletableFuture<T> answer(T value) {
            if (closed.isDone() || failViews) {
                return CompletableFuture.failedFuture(new IllegalStateException("the JobMaster of "
                        + jobGraph.getName() + " is closed"));
            }
            return CompletableFuture.completedFuture(value);
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public CompletableFuture<JobResultMessage> getResultFuture() {
            return result;
        }

        @Override
        public CompletableFuture<JobSummary> requestSummary() {
            return answer(summary());
        }

        @Override
        public CompletableFuture<JobDetailsMessage> requestDetails() {
            detailsRequests.incrementAndGet();
            return answer(details);
        }

        @Override
        public CompletableFuture<JobExceptionsMessage> requestExceptions() {
            return answer(exceptions);
        }

        @Override
        public CompletableFuture<JobStatus> requestStatus() {
            statusRequests.incrementAndGet();
            return answer(status);
        }

        @Override
        public CompletableFuture<String> requestCheckpointStats() {
            return answer(checkpointStats);
        }

        @Override
        public CompletableFuture<String> triggerSavepoint(String targetDirectoryOrNull) {
            savepointTargets.add(String.valueOf(targetDirectoryOrNull));
            return savepoint;
        }

        @Override
        public CompletableFuture<String> stopWithSavepoint(String targetDirectoryOrNull, boolean drain) {
            savepointTargets.add("stop" + (drain ? " --drain " : " ") + targetDirectoryOrNull);
            return savepoint;
        }

        @Override
        public CompletableFuture<Long> triggerCheckpoint() {
            return answer(7L);
        }

        @Override
        public CompletableFuture<Void> cancel() {
            cancels.incrementAndGet();
            return answer(null);
        }

        @Override
        public void close() {
            closed.complete(null);
        }
    }
}
