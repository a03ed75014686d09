package io.spindle.runtime.scheduler;

import static io.spindle.runtime.executiongraph.ExecutionState.CANCELED;
import static io.spindle.runtime.executiongraph.ExecutionState.DEPLOYING;
import static io.spindle.runtime.executiongraph.ExecutionState.FAILED;
import static io.spindle.runtime.executiongraph.ExecutionState.FINISHED;
import static io.spindle.runtime.executiongraph.ExecutionState.RUNNING;
import static io.spindle.runtime.scheduler.SchedulerHarness.GRANTS;
import static io.spindle.runtime.scheduler.SchedulerHarness.JOB_ID;
import static io.spindle.runtime.scheduler.SchedulerHarness.SINK;
import static io.spindle.runtime.scheduler.SchedulerHarness.SLOT_TIMEOUT;
import static io.spindle.runtime.scheduler.SchedulerHarness.SOURCE;
import static io.spindle.runtime.scheduler.SchedulerHarness.SOURCE_OPERATOR;
import static io.spindle.runtime.scheduler.SchedulerHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.spindle.api.JobStatus;
import io.spindle.runtime.checkpoint.StateAssignment;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import io.spindle.runtime.executiongraph.ExecutionState;
import io.spindle.runtime.jobmaster.NoResourceAvailableException;
import io.spindle.runtime.jobmaster.TaskManagerLostException;
import io.spindle.runtime.messages.ExceptionEntry;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.SerializedFailure;
import io.spindle.runtime.messages.TaskDeployment;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The {@link JobScheduler} over fakes ({@link SchedulerHarness}): a job of Source (parallelism
 * 2) and Sink (parallelism 3) in three slots, slots 0 and 1 on tm-1 and slot 2 on tm-2. Proves
 * how it asks for slots and deploys, follows task states to FINISHED, FAILED or CANCELED, restarts
 * by its restart strategy on the manual clock, ignores an old attempt's reports, and deploys from
 * a checkpoint's state. Single-threaded: the main thread is a queue the harness runs.
 */
class JobSchedulerTest {

    private static final List<ExecutionState> ALL_DEPLOYING = Collections.nCopies(5, DEPLOYING);

    // ---- start and deployment ----

    @Test
    void startRequestsOneSlotPerSubtaskIndexThenDeploysSubtaskIInSlotI() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();

        h.start();

        assertThat(h.graph.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(h.slots.requests).singleElement().satisfies(request -> {
            assertThat(request.count()).isEqualTo(3);
            assertThat(request.timeout()).isEqualTo(SLOT_TIMEOUT);
        });
        assertThat(h.taskManagers.connectCalls).isEmpty();
        assertThat(h.taskManagers.submitted).isEmpty();
        assertThat(h.graph.hasExecutions()).isFalse();

        h.grantSlots();

        assertThat(h.taskManagers.connectCalls).containsExactly(List.of("alloc-0", "alloc-1", "alloc-2"));
        assertThat(h.factoryGrants).containsExactly(GRANTS);
        assertThat(h.taskManagers.submitted)
                .extracting(d -> d.getTaskName() + " " + d.getSubtaskIndex() + " in " + d.getAllocationId())
                .containsExactly("Source 0 in alloc-0", "Source 1 in alloc-1", "Sink 0 in alloc-0", "Sink 1 in alloc-1",
                        "Sink 2 in alloc-2");
        assertThat(h.tm("tm-1").submitted).extracting(d -> d.getVertexId() + "/" + d.getSubtaskIndex())
                .containsExactly("0/0", "0/1", "1/0", "1/1");
        assertThat(h.tm("tm-2").submitted).extracting(d -> d.getVertexId() + "/" + d.getSubtaskIndex())
                .containsExactly("1/2");
        assertThat(h.taskManagers.submitted).extracting(TaskDeployment::getExecutionId)
                .containsExactlyElementsOf(h.executionIds());
        assertThat(h.taskManagers.submitted).extracting(TaskDeployment::getParallelism).containsExactly(2, 2, 3, 3, 3);
        assertThat(h.taskManagers.submitted).allSatisfy(deployment -> {
            assertThat(deployment.getJobId()).isEqualTo(JOB_ID.toHexString());
            assertThat(deployment.getAttempt()).isZero();
            assertThat(deployment.getFencingToken()).isEqualTo(SchedulerHarness.FENCING_TOKEN.toString());
            assertThat(deployment.getJobMasterEndpoint()).isEqualTo(SchedulerHarness.JOB_MASTER_ENDPOINT);
            assertThat(deployment.getRestoredCheckpointId()).isZero();
            assertThat(deployment.hasRestoredState()).isFalse();
        });
        assertThat(h.graph.executions()).allSatisfy(execution ->
                assertThat(execution.slot()).isEqualTo(GRANTS.get(execution.subtaskIndex())));
        assertThat(h.states()).isEqualTo(ALL_DEPLOYING);
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore");
    }

    @Test
    void checkpointingStartsOnceWhenEveryTaskRunsOrHasFinished() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.startAndDeploy();

        h.report(SOURCE, 0, RUNNING);
        h.report(SOURCE, 0, FINISHED);
        h.report(SOURCE, 1, RUNNING);
        h.report(SINK, 0, RUNNING);
        h.report(SINK, 1, RUNNING);
        assertThat(h.checkpoints.count("onAllTasksRunning")).isZero();

        h.report(SINK, 2, RUNNING);
        assertThat(h.checkpoints.count("onAllTasksRunning")).isOne();

        // reported again, or another task finishing, does not start it again
        h.report(SINK, 2, RUNNING);
        h.report(SOURCE, 1, FINISHED);
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAllTasksRunning");
        assertThat(h.states()).containsExactly(FINISHED, FINISHED, RUNNING, RUNNING, RUNNING);
        assertThat(h.graph.status()).isEqualTo(JobStatus.RUNNING);
    }

    // ---- ending ----

    @Test
    void allTasksFinishedEndsTheJobFinishedWithSummedCountersOnceTheSlotsAreReleased() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.startAndDeploy();
        // counters of a RUNNING report are not the task's final ones: they are not added
        h.report(h.executionId(SOURCE, 0), RUNNING, Map.of("numRecordsOut", 100L), null);
        h.allRunning();
        h.advance(Duration.ofSeconds(30));

        h.report(h.executionId(SOURCE, 0), FINISHED, Map.of("numRecordsOut", 6L), null);
        h.report(h.executionId(SOURCE, 1), FINISHED, Map.of("numRecordsOut", 4L), null);
        h.report(h.executionId(SINK, 0), FINISHED, Map.of("numRecordsIn", 3L), null);
        h.report(h.executionId(SINK, 1), FINISHED, Map.of("numRecordsIn", 3L, "lateRecords", 1L), null);
        assertThat(h.graph.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(h.slots.releases).isEmpty();

        h.report(h.executionId(SINK, 2), FINISHED, Map.of("numRecordsIn", 4L), null);

        assertThat(h.graph.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAllTasksRunning", "onJobTerminal(FINISHED)");
        assertThat(h.slots.releases).hasSize(1);
        assertThat(h.scheduler.resultFuture()).isNotDone();

        h.completeRelease();

        JobResultMessage result = h.scheduler.resultFuture().getNow(null);
        assertThat(result).isNotNull();
        assertThat(result.getStatus()).isEqualTo("FINISHED");
        assertThat(result.getJobId()).isEqualTo(JOB_ID.toHexString());
        assertThat(result.getName()).isEqualTo(SchedulerHarness.JOB_NAME);
        assertThat(result.getAccumulatorsMap()).isEqualTo(Map.of("numRecordsOut", 10L, "numRecordsIn", 10L,
                "lateRecords", 1L));
        assertThat(result.hasFailure()).isFalse();
        assertThat(result.getStartTime()).isEqualTo(START);
        assertThat(result.getEndTime()).isEqualTo(START + 30_000);
        assertThat(h.slots.requests).hasSize(1);
    }

    @Test
    void aFailedTaskWithoutRestartsCancelsTheOthersAndFailsTheJobWhenAllHaveStopped() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.startAndDeploy();
        h.allRunning();

        h.fail(SINK, 1, new RuntimeException("boom in sink 1"));

        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILING);
        assertThat(h.states()).containsExactly(RUNNING, RUNNING, RUNNING, FAILED, RUNNING);
        assertThat(h.tm("tm-1").cancelled).containsExactly(h.executionId(SOURCE, 0), h.executionId(SOURCE, 1),
                h.executionId(SINK, 0));
        assertThat(h.tm("tm-2").cancelled).containsExactly(h.executionId(SINK, 2));
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAllTasksRunning", "onAttemptEnding");

        h.report(SOURCE, 0, CANCELED);
        h.report(SOURCE, 1, CANCELED);
        h.report(SINK, 0, CANCELED);
        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILING);
        assertThat(h.slots.releases).isEmpty();

        h.report(SINK, 2, CANCELED);

        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILED);
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAllTasksRunning", "onAttemptEnding",
                "onJobTerminal(FAILED)");
        assertThat(h.scheduler.resultFuture()).isNotDone();
        h.completeRelease();
        assertFailure(h, RuntimeException.class, "boom in sink 1");
        assertThat(h.slots.requests).hasSize(1);
        assertThat(h.mainThread.pendingTimers()).isZero();
    }

    // ---- restarts ----

    @Test
    void fixedDelayRestartsAfterTheDelayWithANewAttemptAndIgnoresTheOldAttempt() {
        SchedulerHarness h = SchedulerHarness.withFixedDelay(2, Duration.ofSeconds(1));
        h.startAndDeploy();
        h.allRunning();
        List<String> firstAttempt = h.executionIds();

        h.fail(SOURCE, 0, new RuntimeException("source 0 crashed"));

        assertThat(h.graph.status()).isEqualTo(JobStatus.RESTARTING);
        assertThat(h.tm("tm-1").cancelled).containsExactly(firstAttempt.get(1), firstAttempt.get(2), firstAttempt.get(3));
        assertThat(h.tm("tm-2").cancelled).containsExactly(firstAttempt.get(4));
        // no restart is planned while tasks of the attempt still run
        assertThat(h.mainThread.pendingTimers()).isZero();

        h.reportAll(CANCELED);
        assertThat(h.mainThread.scheduledDelays()).containsExactly(Duration.ofSeconds(1));

        h.advance(Duration.ofMillis(999));
        assertThat(h.graph.status()).isEqualTo(JobStatus.RESTARTING);
        assertThat(h.graph.attempt()).isZero();
        assertThat(h.executionIds()).isEqualTo(firstAttempt);
        assertThat(h.slots.releases).isEmpty();
        assertThat(h.slots.requests).hasSize(1);

        h.advance(Duration.ofMillis(1));
        assertThat(h.graph.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(h.graph.attempt()).isOne();
        assertThat(h.graph.hasExecutions()).isFalse();
        assertThat(h.slots.releases).hasSize(1);
        // slots are asked for again only once the old ones are back
        assertThat(h.slots.requests).hasSize(1);

        h.completeRelease();
        assertThat(h.slots.requests).hasSize(2);
        assertThat(h.slots.lastRequest().count()).isEqualTo(3);
        assertThat(h.slots.lastRequest().timeout()).isEqualTo(SLOT_TIMEOUT);

        h.grantSlots();
        List<TaskDeployment> secondDeployments = h.taskManagers.submitted.subList(5, h.taskManagers.submitted.size());
        assertThat(secondDeployments).extracting(TaskDeployment::getExecutionId).containsExactlyElementsOf(h.executionIds());
        assertThat(secondDeployments).extracting(TaskDeployment::getAttempt).containsExactly(1, 1, 1, 1, 1);
        assertThat(secondDeployments.get(0).getOutputs(0).getPartitionId().getAttempt()).isOne();
        assertThat(secondDeployments).extracting(d -> d.getTaskName() + " " + d.getSubtaskIndex() + " in " + d.getAllocationId())
                .containsExactly("Source 0 in alloc-0", "Source 1 in alloc-1", "Sink 0 in alloc-0", "Sink 1 in alloc-1",
                        "Sink 2 in alloc-2");
        assertThat(h.executionIds()).doesNotContainAnyElementsOf(firstAttempt);
        assertThat(h.graph.executions()).allSatisfy(execution -> assertThat(execution.attempt()).isOne());
        assertThat(h.states()).isEqualTo(ALL_DEPLOYING);

        // late reports of the first attempt change nothing
        h.report(firstAttempt.get(0), FAILED, Map.of(), new RuntimeException("late failure of attempt 0"));
        h.report(firstAttempt.get(1), RUNNING, Map.of(), null);
        h.report(firstAttempt.get(2), FINISHED, Map.of("numRecordsIn", 99L), null);
        assertThat(h.graph.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(h.states()).isEqualTo(ALL_DEPLOYING);
        assertThat(h.tm("tm-1").cancelled).hasSize(3);
        assertThat(h.tm("tm-2").cancelled).hasSize(1);
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAllTasksRunning", "onAttemptEnding",
                "stateToRestore");

        h.allRunning();
        assertThat(h.checkpoints.count("onAllTasksRunning")).isEqualTo(2);
        h.reportAll(FINISHED);
        assertThat(h.graph.status()).isEqualTo(JobStatus.FINISHED);
        h.completeRelease();
        JobResultMessage result = h.scheduler.resultFuture().getNow(null);
        assertThat(result.getStatus()).isEqualTo("FINISHED");
        // the restart's cause stays in the exceptions history only
        assertThat(result.hasFailure()).isFalse();
        assertThat(result.getAccumulatorsMap()).isEmpty();
        assertThat(h.graph.exceptions().getHistoryList()).singleElement()
                .extracting(ExceptionEntry::getStacktrace).asString().contains("source 0 crashed");
    }

    @Test
    void whenTheRestartsAreUsedUpTheNextFailureFailsTheJob() {
        SchedulerHarness h = SchedulerHarness.withFixedDelay(2, Duration.ofSeconds(1));
        h.startAndDeploy();
        h.allRunning();

        for (int failure = 1; failure <= 2; failure++) {
            h.fail(SINK, 0, new RuntimeException("failure " + failure));
            assertThat(h.graph.status()).isEqualTo(JobStatus.RESTARTING);
            h.reportAll(CANCELED);
            h.advance(Duration.ofSeconds(1));
            h.completeRelease();
            h.grantSlots();
            h.allRunning();
            assertThat(h.graph.attempt()).isEqualTo(failure);
        }

        h.fail(SINK, 0, new RuntimeException("failure 3"));

        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILING);
        h.reportAll(CANCELED);
        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILED);
        assertThat(h.mainThread.pendingTimers()).isZero();
        assertThat(h.mainThread.scheduledDelays()).hasSize(2);
        assertThat(h.slots.requests).hasSize(3);
        assertThat(h.slots.releases).hasSize(3);
        assertThat(h.checkpoints.count("onAttemptEnding")).isEqualTo(3);
        assertThat(h.checkpoints.calls).last().isEqualTo("onJobTerminal(FAILED)");
        h.completeRelease();
        assertFailure(h, RuntimeException.class, "failure 3");
        assertThat(h.graph.exceptions().getHistoryCount()).isEqualTo(3);
    }

    @Test
    void failGloballyWhileRunningRestartsAsForATaskFailure() {
        SchedulerHarness h = SchedulerHarness.withFixedDelay(1, Duration.ofSeconds(1));
        h.startAndDeploy();
        h.allRunning();

        h.scheduler.failGlobally(new IllegalStateException("Exceeded checkpoint tolerable failure threshold"));
        h.mainThread.runQueued();

        assertThat(h.graph.status()).isEqualTo(JobStatus.RESTARTING);
        assertThat(h.tm("tm-1").cancelled).hasSize(4);
        assertThat(h.tm("tm-2").cancelled).hasSize(1);
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAllTasksRunning", "onAttemptEnding");
        h.reportAll(CANCELED);
        h.advance(Duration.ofSeconds(1));
        h.completeRelease();
        assertThat(h.slots.requests).hasSize(2);
        assertThat(h.graph.exceptions().getRootException()).startsWith(
                "java.lang.IllegalStateException: Exceeded checkpoint tolerable failure threshold");
    }

    @Test
    void failGloballyWithoutRestartsFailsTheJobWithItsCauseAndIsIgnoredWhenNotRunning() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.startAndDeploy();
        h.allRunning();

        h.scheduler.failGlobally(new IllegalStateException("Exceeded checkpoint tolerable failure threshold"));
        h.mainThread.runQueued();
        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILING);

        // a second global failure while failing is not recorded
        h.scheduler.failGlobally(new IllegalStateException("second"));
        h.reportAll(CANCELED);

        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILED);
        assertThat(h.graph.exceptions().getHistoryCount()).isOne();
        h.completeRelease();
        assertFailure(h, IllegalStateException.class, "Exceeded checkpoint tolerable failure threshold");
    }

    // ---- resources ----

    @Test
    void aFailedSlotRequestFailsTheJobWithNoResourceAvailable() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.start();

        h.slots.lastRequest().future().completeExceptionally(
                new CompletionException(new TimeoutException("no 3 free slots within 300000 ms")));
        h.mainThread.runQueued();

        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILED);
        assertThat(h.taskManagers.connectCalls).isEmpty();
        assertThat(h.taskManagers.submitted).isEmpty();
        assertThat(h.graph.hasExecutions()).isFalse();
        assertThat(h.checkpoints.calls).containsExactly("onAttemptEnding", "onJobTerminal(FAILED)");
        assertThat(h.slots.releases).hasSize(1);
        h.completeRelease();
        assertFailure(h, NoResourceAvailableException.class,
                "Job 'Scheduler test job' could not get 3 slots: no 3 free slots within 300000 ms");
    }

    @Test
    void aLostTaskManagerFailsItsExecutionAndTheOthersAreCancelled() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.startAndDeploy();
        h.allRunning();

        h.taskManagers.lose("tm-2");
        h.scheduler.onTaskManagerLost("tm-2", "no heartbeat within 50000 ms");
        h.mainThread.runQueued();

        assertThat(h.execution(SINK, 2).state()).isEqualTo(FAILED);
        assertThat(h.states()).containsExactly(RUNNING, RUNNING, RUNNING, RUNNING, FAILED);
        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILING);
        assertThat(h.tm("tm-1").cancelled).containsExactly(h.executionId(SOURCE, 0), h.executionId(SOURCE, 1),
                h.executionId(SINK, 0), h.executionId(SINK, 1));
        assertThat(h.tm("tm-2").cancelled).isEmpty();

        h.reportAll(CANCELED);

        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILED);
        h.completeRelease();
        assertFailure(h, TaskManagerLostException.class,
                "TaskManager tm-2 at 10.0.0.2:6122 was lost: no heartbeat within 50000 ms");
    }

    /**
     * A lost TaskManager with several tasks: the first of them fails the attempt; its other tasks
     * cannot be told to cancel any more and end CANCELED at once. The job restarts once the
     * tasks elsewhere have stopped.
     */
    @Test
    void everyTaskOnALostTaskManagerEndsAtOnceAndTheJobRestarts() {
        SchedulerHarness h = SchedulerHarness.withFixedDelay(1, Duration.ofSeconds(1));
        h.startAndDeploy();
        h.allRunning();

        h.taskManagers.lose("tm-1");
        h.scheduler.onTaskManagerLost("tm-1", "the connection to it was lost");
        h.mainThread.runQueued();

        assertThat(h.states()).containsExactly(FAILED, CANCELED, CANCELED, CANCELED, RUNNING);
        assertThat(h.tm("tm-1").cancelled).isEmpty();
        assertThat(h.tm("tm-2").cancelled).containsExactly(h.executionId(SINK, 2));
        assertThat(h.graph.status()).isEqualTo(JobStatus.RESTARTING);
        assertThat(h.graph.exceptions().getHistoryList()).singleElement()
                .extracting(ExceptionEntry::getStacktrace).asString().startsWith(
                TaskManagerLostException.class.getName() + ": TaskManager tm-1 at 10.0.0.1:6122 was lost: the connection"
                        + " to it was lost");
        assertThat(h.mainThread.pendingTimers()).isZero();

        h.report(SINK, 2, CANCELED);
        h.advance(Duration.ofSeconds(1));
        h.completeRelease();
        assertThat(h.slots.requests).hasSize(2);
    }

    @Test
    void aDeploymentTheTaskManagerRefusesIsATaskFailure() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.tm("tm-2").onSubmit = deployment -> CompletableFuture.failedFuture(
                new IllegalStateException("slot alloc-2 is not allocated to the job"));

        h.startAndDeploy();

        assertThat(h.states()).containsExactly(DEPLOYING, DEPLOYING, DEPLOYING, DEPLOYING, FAILED);
        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILING);
        assertThat(h.tm("tm-1").cancelled).containsExactly(h.executionId(SOURCE, 0), h.executionId(SOURCE, 1),
                h.executionId(SINK, 0), h.executionId(SINK, 1));
        assertThat(h.tm("tm-2").cancelled).isEmpty();

        h.reportAll(CANCELED);

        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILED);
        h.completeRelease();
        assertFailure(h, IllegalStateException.class,
                "Could not deploy Sink (3/3)#0 [DEPLOYING] to tm-2: slot alloc-2 is not allocated to the job");
    }

    /**
     * A TaskManager lost between connecting and deploying: the first task that cannot be
     * deployed fails the job, and the tasks not deployed yet are cancelled, so none of them may
     * be sent to a TaskManager afterwards.
     */
    @Test
    void aTaskManagerMissingAtDeploymentFailsTheJobAndNothingIsDeployedAfterwards() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        CompletableFuture<Void> connecting = new CompletableFuture<>();
        h.taskManagers.connectResult = connecting;
        h.startAndDeploy();
        assertThat(h.graph.hasExecutions()).isFalse();

        h.taskManagers.lose("tm-1");
        connecting.complete(null);
        h.mainThread.runQueued();

        assertThat(h.states()).containsExactly(FAILED, CANCELED, CANCELED, CANCELED, CANCELED);
        assertThat(h.taskManagers.submitted).isEmpty();
        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILED);
        h.completeRelease();
        assertFailure(h, TaskManagerLostException.class,
                "TaskManager tm-1 was lost before Source (1/2)#0 [DEPLOYING] could be deployed");
    }

    // ---- cancelling ----

    @Test
    void cancelWhileRunningCancelsTheTasksAndEndsCanceledWhenTheyHaveStopped() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.startAndDeploy();
        h.report(SOURCE, 0, RUNNING);
        h.report(SOURCE, 1, RUNNING);

        h.scheduler.cancel();
        h.mainThread.runQueued();

        assertThat(h.graph.status()).isEqualTo(JobStatus.CANCELLING);
        assertThat(h.states()).containsExactly(RUNNING, RUNNING, DEPLOYING, DEPLOYING, DEPLOYING);
        assertThat(h.tm("tm-1").cancelled).containsExactly(h.executionId(SOURCE, 0), h.executionId(SOURCE, 1),
                h.executionId(SINK, 0), h.executionId(SINK, 1));
        assertThat(h.tm("tm-2").cancelled).containsExactly(h.executionId(SINK, 2));
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAttemptEnding");

        // cancelling again sends nothing more
        h.scheduler.cancel();
        assertThat(h.tm("tm-1").cancelled).hasSize(4);
        assertThat(h.checkpoints.count("onAttemptEnding")).isOne();

        h.report(SOURCE, 0, CANCELED);
        h.report(SOURCE, 1, CANCELED);
        // a task failing while it is cancelled does not turn the cancel into a failure or a restart
        h.fail(SINK, 0, new RuntimeException("interrupted while cancelling"));
        h.report(SINK, 1, CANCELED);
        assertThat(h.graph.status()).isEqualTo(JobStatus.CANCELLING);

        h.report(SINK, 2, CANCELED);

        assertThat(h.graph.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAttemptEnding", "onJobTerminal(CANCELED)");
        assertThat(h.scheduler.resultFuture()).isNotDone();
        h.completeRelease();
        JobResultMessage result = h.scheduler.resultFuture().getNow(null);
        assertThat(result.getStatus()).isEqualTo("CANCELED");
        assertThat(result.hasFailure()).isFalse();
        assertThat(h.slots.requests).hasSize(1);
        assertThat(h.mainThread.pendingTimers()).isZero();
    }

    @Test
    void cancelWhileWaitingForSlotsEndsCanceledAndALateGrantDeploysNothing() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.start();

        h.scheduler.cancel();
        h.mainThread.runQueued();

        assertThat(h.graph.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(h.checkpoints.calls).containsExactly("onAttemptEnding", "onJobTerminal(CANCELED)");
        assertThat(h.slots.releases).hasSize(1);

        h.grantSlots();

        assertThat(h.graph.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(h.taskManagers.connectCalls).isEmpty();
        assertThat(h.taskManagers.submitted).isEmpty();
        assertThat(h.graph.hasExecutions()).isFalse();
        h.completeRelease();
        assertThat(h.scheduler.resultFuture().getNow(null).getStatus()).isEqualTo("CANCELED");
    }

    // ---- checkpoints ----

    @Test
    void deploymentsCarryTheCheckpointToRestoreAndEachSubtasksShareOfItsState() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.checkpoints.restore = new StateAssignment(CheckpointMetadata.newBuilder()
                .setJobId(JOB_ID.toHexString())
                .setCheckpointId(7)
                .addOperators(OperatorState.newBuilder().setOperatorId(SOURCE_OPERATOR).setOperatorName("Source")
                        .setParallelism(2).setMaxParallelism(128)
                        .addSubtasks(offsets(0, "offset-of-0"))
                        .addSubtasks(offsets(1, "offset-of-1")))
                .build());

        h.startAndDeploy();

        List<TaskDeployment> deployments = h.taskManagers.submitted;
        assertThat(deployments).hasSize(5);
        assertThat(deployments).extracting(TaskDeployment::getRestoredCheckpointId).containsOnly(7L);
        assertThat(deployments.get(0).getRestoredState())
                .isEqualTo(TaskStateSnapshot.newBuilder().addOperators(offsets(0, "offset-of-0")).build());
        assertThat(deployments.get(1).getRestoredState())
                .isEqualTo(TaskStateSnapshot.newBuilder().addOperators(offsets(1, "offset-of-1")).build());
        // the sink's operator has no state in the checkpoint
        assertThat(deployments.subList(2, 5)).extracting(TaskDeployment::getRestoredState)
                .containsOnly(TaskStateSnapshot.getDefaultInstance());
        assertThat(h.states()).isEqualTo(ALL_DEPLOYING);
    }

    @Test
    void aFailureToFindTheCheckpointToRestoreFailsTheJob() {
        SchedulerHarness h = SchedulerHarness.withoutRestarts();
        h.checkpoints.restoreFailure = new IOException("chk-7/_metadata: file not found");

        h.startAndDeploy();

        assertThat(h.graph.status()).isEqualTo(JobStatus.FAILED);
        assertThat(h.taskManagers.submitted).isEmpty();
        assertThat(h.graph.hasExecutions()).isFalse();
        assertThat(h.checkpoints.calls).containsExactly("stateToRestore", "onAttemptEnding", "onJobTerminal(FAILED)");
        h.completeRelease();
        assertFailure(h, IllegalStateException.class, "Could not find the checkpoint to restore job "
                + JOB_ID.toHexString() + " from: chk-7/_metadata: file not found");
    }

    // ---- helpers ----

    private static OperatorSubtaskState offsets(int subtask, String element) {
        return OperatorSubtaskState.newBuilder().setOperatorId(SOURCE_OPERATOR).setSubtaskIndex(subtask)
                .addOperatorState(ListStateEntries.newBuilder().setName("offsets")
                        .addElements(ByteString.copyFromUtf8(element)))
                .build();
    }

    /** The job's result is there and carries a failure of {@code type} with exactly {@code message}. */
    private static void assertFailure(SchedulerHarness h, Class<? extends Throwable> type, String message) {
        JobResultMessage result = h.scheduler.resultFuture().getNow(null);
        assertThat(result).as("job result").isNotNull();
        assertThat(result.getStatus()).isEqualTo("FAILED");
        SerializedFailure failure = result.getFailure();
        assertThat(failure.getClassName()).isEqualTo(type.getName());
        assertThat(failure.getMessage()).isEqualTo(message);
    }
}
