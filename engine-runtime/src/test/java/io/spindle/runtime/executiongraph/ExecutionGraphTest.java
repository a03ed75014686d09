package io.spindle.runtime.executiongraph;

import static io.spindle.runtime.executiongraph.ExecutionState.CANCELED;
import static io.spindle.runtime.executiongraph.ExecutionState.CREATED;
import static io.spindle.runtime.executiongraph.ExecutionState.DEPLOYING;
import static io.spindle.runtime.executiongraph.ExecutionState.FAILED;
import static io.spindle.runtime.executiongraph.ExecutionState.FINISHED;
import static io.spindle.runtime.executiongraph.ExecutionState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobEdge;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.graph.OperatorIds;
import io.spindle.graph.PartitionType;
import io.spindle.runtime.checkpoint.CheckpointTaskGateway.Task;
import io.spindle.runtime.messages.Address;
import io.spindle.runtime.messages.ExceptionEntry;
import io.spindle.runtime.messages.JobDetailsMessage;
import io.spindle.runtime.messages.JobExceptionsMessage;
import io.spindle.runtime.messages.JobResultMessage;
import io.spindle.runtime.messages.JobSummary;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.messages.SubtaskInfo;
import io.spindle.runtime.messages.VertexInfo;
import io.spindle.util.SerializedThrowables;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link ExecutionGraph} as plain data on a manual clock, for a job of Source (vertex 0,
 * parallelism 2, a source), Map (vertex 1, parallelism 2) and Sink (vertex 2, parallelism 1) in
 * two slots on tm-a and tm-b. Proves how executions are created per attempt and move between
 * states (terminal ones stay), which tasks a checkpoint sees, and what the monitoring views and
 * the result show.
 */
class ExecutionGraphTest {
    private static final long START = 50_000;
    private static final JobID JOB_ID = new JobID(0xabcL, 0xdefL);
    private static final List<SlotGrant> SLOTS = List.of(slot("tm-a", "10.0.1.1", "alloc-a"),
            slot("tm-b", "10.0.1.2", "alloc-b"));

    private long now = START;
    private final ExecutionGraph graph = new ExecutionGraph(jobGraph(), () -> now);

    private static JobGraph jobGraph() {
        return new JobGraph(JOB_ID, "Graph test job", List.of(
                new JobVertex(0, "Source", 2, 128, true, new byte[0]),
                new JobVertex(1, "Map", 2, 64, false, new byte[0]),
                new JobVertex(2, "Sink", 1, 128, false, new byte[0])),
                List.of(new JobEdge(0, 1, PartitionType.FORWARD, null), new JobEdge(1, 2, PartitionType.REBALANCE, null)),
                new Configuration(), List.of());
    }

    private static SlotGrant slot(String resourceId, String host, String allocationId) {
        return SlotGrant.newBuilder().setResourceId(resourceId).setAllocationId(allocationId)
                .setRpcAddress(Address.newBuilder().setHost(host).setPort(6122))
                .setDataAddress(Address.newBuilder().setHost(host).setPort(6121)).build();
    }

    // ---- executions and attempts ----

    @Test
    void createExecutionsMakesOneExecutionPerSubtaskInTheSlotOfItsIndex() {
        assertThat(graph.hasExecutions()).isFalse();
        assertThat(graph.jobId()).isEqualTo(JOB_ID.toHexString());
        assertThat(graph.status()).isEqualTo(JobStatus.CREATED);
        now += 10;

        List<Execution> created = graph.createExecutions(SLOTS);

        assertThat(created).extracting(e -> e.vertex().name() + " " + e.subtaskIndex() + " in " + e.slot().getAllocationId())
                .containsExactly("Source 0 in alloc-a", "Source 1 in alloc-b", "Map 0 in alloc-a", "Map 1 in alloc-b",
                        "Sink 0 in alloc-a");
        assertThat(graph.executions()).containsExactlyElementsOf(created);
        assertThat(created).allSatisfy(execution -> {
            assertThat(execution.attempt()).isZero();
            assertThat(execution.state()).isEqualTo(CREATED);
            assertThat(execution.timestamp(CREATED)).isEqualTo(START + 10);
            assertThat(execution.timestamp(RUNNING)).isZero();
            assertThat(graph.execution(execution.executionId())).isSameAs(execution);
        });
        Set<String> ids = new HashSet<>();
        created.forEach(execution -> ids.add(execution.executionId()));
        assertThat(ids).hasSize(5);
        assertThat(graph.hasExecutions()).isTrue();
        assertThat(created.get(0)).hasToString("Source (1/2)#0 [CREATED]");
    }

    @Test
    void executionsMoveOnWithTimestampsAndTerminalOnesStayTerminal() {
        List<Execution> executions = graph.createExecutions(SLOTS);
        Execution source = executions.get(0);
        String id = source.executionId();

        now = START + 100;
        assertThat(graph.updateExecutionState(id, DEPLOYING)).isTrue();
        assertThat(graph.updateExecutionState(id, DEPLOYING)).as("same state again").isFalse();
        now = START + 250;
        assertThat(graph.updateExecutionState(id, RUNNING)).isTrue();
        now = START + 900;
        assertThat(graph.updateExecutionState(id, FINISHED)).isTrue();
        now = START + 1000;
        assertThat(graph.updateExecutionState(id, FAILED)).as("after FINISHED").isFalse();
        graph.setState(source, RUNNING);

        assertThat(source.state()).isEqualTo(FINISHED);
        assertThat(source.timestamp(DEPLOYING)).isEqualTo(START + 100);
        assertThat(source.timestamp(RUNNING)).isEqualTo(START + 250);
        assertThat(source.timestamp(FINISHED)).isEqualTo(START + 900);
        assertThat(source.timestamp(FAILED)).isZero();

        Execution map = executions.get(2);
        graph.setState(map, CANCELED);
        graph.setState(map, RUNNING);
        graph.setState(map, FAILED);
        assertThat(map.state()).isEqualTo(CANCELED);
        assertThat(graph.updateExecutionState("no-such-execution", RUNNING)).isFalse();
    }

    @Test
    void theNextAttemptForgetsTheOldExecutionsAndNumbersTheNewOnes() {
        List<Execution> first = graph.createExecutions(SLOTS);
        String oldId = first.get(0).executionId();

        graph.startNextAttempt();

        assertThat(graph.attempt()).isOne();
        assertThat(graph.hasExecutions()).isFalse();
        assertThat(graph.execution(oldId)).isNull();
        assertThat(graph.updateExecutionState(oldId, RUNNING)).isFalse();

        List<Execution> second = graph.createExecutions(SLOTS);
        assertThat(second).hasSize(5).allSatisfy(execution -> assertThat(execution.attempt()).isOne());
        assertThat(second).extracting(Execution::executionId)
                .doesNotContainAnyElementsOf(first.stream().map(Execution::executionId).toList());
        assertThat(graph.executions()).containsExactlyElementsOf(second);
        assertThat(first.get(0).state()).as("an old execution is not touched").isEqualTo(CREATED);
    }

    @Test
    void allFinishedNeedsExecutionsThatAllFinishedWhileAllTerminalAcceptsAnyEnd() {
        assertThat(graph.allExecutionsFinished()).as("no executions").isFalse();
        assertThat(graph.allExecutionsTerminal()).as("no executions").isTrue();

        List<Execution> executions = graph.createExecutions(SLOTS);
        assertThat(graph.allExecutionsFinished()).isFalse();
        assertThat(graph.allExecutionsTerminal()).isFalse();

        for (int i = 0; i < 4; i++) {
            graph.setState(executions.get(i), FINISHED);
        }
        assertThat(graph.allExecutionsFinished()).isFalse();
        assertThat(graph.allExecutionsTerminal()).isFalse();

        graph.setState(executions.get(4), CANCELED);
        assertThat(graph.allExecutionsFinished()).isFalse();
        assertThat(graph.allExecutionsTerminal()).isTrue();

        graph.startNextAttempt();
        graph.createExecutions(SLOTS).forEach(execution -> graph.setState(execution, FINISHED));
        assertThat(graph.allExecutionsFinished()).isTrue();
        assertThat(graph.allExecutionsTerminal()).isTrue();
    }

    // ---- checkpoints ----

    @Test
    void tasksForCheckpointAreThereOnlyWhileEveryExecutionRunsOrHasFinished() {
        assertThat(graph.tasksForCheckpoint()).as("not running, no executions").isNull();
        graph.transitionTo(JobStatus.RUNNING);
        assertThat(graph.tasksForCheckpoint()).as("no executions").isNull();

        List<Execution> executions = graph.createExecutions(SLOTS);
        assertThat(graph.tasksForCheckpoint()).as("all CREATED").isNull();
        for (Execution execution : executions) {
            graph.setState(execution, execution == executions.get(3) ? DEPLOYING : RUNNING);
        }
        assertThat(graph.tasksForCheckpoint()).as("one DEPLOYING").isNull();

        graph.setState(executions.get(3), RUNNING);
        graph.setState(executions.get(0), FINISHED);

        assertThat(graph.tasksForCheckpoint()).containsExactly(
                new Task(executions.get(0).executionId(), 0, 0, true, List.of(OperatorIds.derive(0)), true),
                new Task(executions.get(1).executionId(), 0, 1, true, List.of(OperatorIds.derive(0)), false),
                new Task(executions.get(2).executionId(), 1, 0, false, List.of(OperatorIds.derive(1)), false),
                new Task(executions.get(3).executionId(), 1, 1, false, List.of(OperatorIds.derive(1)), false),
                new Task(executions.get(4).executionId(), 2, 0, false, List.of(OperatorIds.derive(2)), false));

        // a task whose input ended starts checkpoints itself, like a source
        graph.markInputEnded(executions.get(3).executionId());
        graph.markInputEnded("not-an-execution-of-this-attempt");
        assertThat(graph.tasksForCheckpoint()).extracting(Task::source)
                .containsExactly(true, true, false, true, false);

        graph.transitionTo(JobStatus.RESTARTING);
        assertThat(graph.tasksForCheckpoint()).as("not RUNNING").isNull();

        // the mark belongs to its attempt
        graph.startNextAttempt();
        graph.transitionTo(JobStatus.RUNNING);
        graph.createExecutions(SLOTS).forEach(execution -> graph.setState(execution, RUNNING));
        assertThat(graph.tasksForCheckpoint()).extracting(Task::source)
                .containsExactly(true, true, false, false, false);

        graph.setState(graph.executions().iterator().next(), FAILED);
        assertThat(graph.tasksForCheckpoint()).as("one FAILED").isNull();
    }

    // ---- views ----

    @Test
    void summaryCountsTasksAndShowsTheEndTimeOnceTerminal() {
        graph.transitionTo(JobStatus.RUNNING);
        List<Execution> executions = graph.createExecutions(SLOTS);
        graph.setState(executions.get(0), RUNNING);
        graph.setState(executions.get(1), RUNNING);
        now = START + 400;
        graph.setState(executions.get(2), FINISHED);

        assertThat(graph.summary()).isEqualTo(JobSummary.newBuilder().setJobId(JOB_ID.toHexString())
                .setName("Graph test job").setStatus("RUNNING").setStartTime(START).setEndTime(-1)
                .setTasksTotal(5).putTasksPerState("RUNNING", 2).putTasksPerState("FINISHED", 1)
                .putTasksPerState("CREATED", 2).setLastModification(START + 400).build());

        now = START + 7_000;
        graph.transitionTo(JobStatus.CANCELED);
        assertThat(graph.summary().getStatus()).isEqualTo("CANCELED");
        assertThat(graph.summary().getEndTime()).isEqualTo(START + 7_000);
        assertThat(graph.summary().getLastModification()).isEqualTo(START + 7_000);
    }

    @Test
    void subtasksNotCreatedYetCountAsCreated() {
        assertThat(graph.summary().getTasksPerStateMap()).isEqualTo(Map.of("CREATED", 5));
        assertThat(graph.summary().getLastModification()).isEqualTo(START);
    }

    @Test
    void detailsTimeVerticesAndSubtasksAndCarryStatusTimesPlanAndAccumulators() {
        now = START + 10;
        graph.transitionTo(JobStatus.RUNNING);
        List<Execution> executions = graph.createExecutions(SLOTS);
        now = START + 20;
        graph.setState(executions.get(0), DEPLOYING);
        now = START + 30;
        graph.setState(executions.get(1), DEPLOYING);
        graph.setState(executions.get(0), RUNNING);
        now = START + 40;
        graph.setState(executions.get(0), FINISHED);
        graph.setState(executions.get(1), FINISHED);
        graph.addAccumulators(Map.of("records", 9L));

        JobDetailsMessage details = graph.details();

        assertThat(details.getStatusTimestampsMap()).isEqualTo(Map.of("CREATED", START, "RUNNING", START + 10));
        VertexInfo source = details.getVertices(0);
        assertThat(source.getStartTime()).isEqualTo(START + 20);
        assertThat(source.getEndTime()).isEqualTo(START + 40);
        assertThat(source.getTasksPerStateMap()).isEqualTo(Map.of("FINISHED", 2));
        assertThat(source.getSubtasks(0).getStateTimestampsMap()).isEqualTo(Map.of("CREATED", START + 10,
                "DEPLOYING", START + 20, "RUNNING", START + 30, "FINISHED", START + 40));
        VertexInfo map = details.getVertices(1);
        assertThat(map.getStartTime()).isEqualTo(-1);
        assertThat(map.getEndTime()).isEqualTo(-1);
        assertThat(map.getTasksPerStateMap()).isEqualTo(Map.of("CREATED", 2));
        assertThat(details.getAccumulatorsMap()).isEqualTo(Map.of("records", 9L));
        assertThat(details.getPlan()).contains("\"jid\":\"" + JOB_ID.toHexString() + "\"")
                .contains("\"id\":\"" + JobVertex.hexId(1) + "\"").contains("\"ship_strategy\":\"REBALANCE\"");
    }

    @Test
    void detailsShowEverySubtaskWithItsTaskManager() {
        JobDetailsMessage before = graph.details();
        assertThat(before.getVerticesList()).extracting(VertexInfo::getStatus).containsExactly("CREATED", "CREATED", "CREATED");
        assertThat(before.getVertices(0).getSubtasksList()).containsExactly(
                SubtaskInfo.newBuilder().setSubtask(0).setAttempt(0).setStatus("CREATED").build(),
                SubtaskInfo.newBuilder().setSubtask(1).setAttempt(0).setStatus("CREATED").build());

        graph.startNextAttempt();
        List<Execution> executions = graph.createExecutions(SLOTS);
        graph.setState(executions.get(0), RUNNING);
        graph.setState(executions.get(1), FINISHED);
        graph.setState(executions.get(2), DEPLOYING);
        graph.setState(executions.get(3), FAILED);
        graph.setState(executions.get(4), CANCELED);

        JobDetailsMessage details = graph.details();

        assertThat(details.getSummary()).isEqualTo(graph.summary());
        assertThat(details.getVerticesList()).extracting(v -> v.getId() + " " + v.getName() + " p" + v.getParallelism()
                + "/" + v.getMaxParallelism() + " " + v.getStatus())
                .containsExactly("0 Source p2/128 RUNNING", "1 Map p2/64 FAILED", "2 Sink p1/128 CANCELED");
        assertThat(details.getVertices(0).getSubtasksList()).containsExactly(
                SubtaskInfo.newBuilder().setSubtask(0).setAttempt(1).setStatus("RUNNING").setTaskManagerId("tm-a")
                        .setHost("10.0.1.1").putStateTimestamps("CREATED", START).putStateTimestamps("RUNNING", START)
                        .build(),
                SubtaskInfo.newBuilder().setSubtask(1).setAttempt(1).setStatus("FINISHED").setTaskManagerId("tm-b")
                        .setHost("10.0.1.2").putStateTimestamps("CREATED", START).putStateTimestamps("FINISHED", START)
                        .build());
    }

    @Test
    void aVertexShowsFailedIfAnySubtaskFailedElseItsLeastAdvancedSubtask() {
        assertThat(sourceVertexStatus(CREATED, RUNNING)).isEqualTo("CREATED");
        assertThat(sourceVertexStatus(DEPLOYING, RUNNING)).isEqualTo("DEPLOYING");
        assertThat(sourceVertexStatus(FINISHED, RUNNING)).isEqualTo("RUNNING");
        assertThat(sourceVertexStatus(FINISHED, CANCELED)).isEqualTo("FINISHED");
        assertThat(sourceVertexStatus(CANCELED, CANCELED)).isEqualTo("CANCELED");
        assertThat(sourceVertexStatus(CREATED, FAILED)).isEqualTo("FAILED");
        assertThat(sourceVertexStatus(FAILED, FINISHED)).isEqualTo("FAILED");
    }

    /** The status the details give the Source vertex when its subtasks are in these states. */
    private static String sourceVertexStatus(ExecutionState subtask0, ExecutionState subtask1) {
        ExecutionGraph fresh = new ExecutionGraph(jobGraph(), () -> START);
        List<Execution> executions = fresh.createExecutions(SLOTS);
        fresh.setState(executions.get(0), subtask0);
        fresh.setState(executions.get(1), subtask1);
        return fresh.details().getVertices(0).getStatus();
    }

    @Test
    void theResultCarriesTheFailureUnlessTheJobFinished() {
        graph.transitionTo(JobStatus.RUNNING);
        graph.addAccumulators(Map.of("records", 3L, "bytes", 30L));
        graph.addAccumulators(Map.of("records", 4L));
        now = START + 2_000;
        graph.recordFailure(new IllegalStateException("restart cause"), null);
        graph.transitionTo(JobStatus.RESTARTING);
        graph.transitionTo(JobStatus.RUNNING);
        now = START + 5_000;
        graph.transitionTo(JobStatus.FINISHED);

        JobResultMessage finished = graph.result();

        assertThat(finished.getJobId()).isEqualTo(JOB_ID.toHexString());
        assertThat(finished.getName()).isEqualTo("Graph test job");
        assertThat(finished.getStatus()).isEqualTo("FINISHED");
        assertThat(finished.getStartTime()).isEqualTo(START);
        assertThat(finished.getEndTime()).isEqualTo(START + 5_000);
        assertThat(finished.getAccumulatorsMap()).isEqualTo(Map.of("records", 7L, "bytes", 30L));
        assertThat(finished.hasFailure()).isFalse();

        ExecutionGraph failing = new ExecutionGraph(jobGraph(), () -> now);
        failing.transitionTo(JobStatus.RUNNING);
        failing.recordFailure(new IllegalStateException("the end"), null);
        failing.transitionTo(JobStatus.FAILED);
        JobResultMessage failed = failing.result();
        assertThat(failed.getStatus()).isEqualTo("FAILED");
        assertThat(failed.getFailure().getClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.getFailure().getMessage()).isEqualTo("the end");
        assertThat(SerializedThrowables.fromProto(failed.getFailure(), getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class).hasMessage("the end");

        ExecutionGraph cancelled = new ExecutionGraph(jobGraph(), () -> now);
        cancelled.recordFailure(new IllegalStateException("failed before the cancel"), null);
        cancelled.transitionTo(JobStatus.CANCELED);
        assertThat(cancelled.result().getFailure().getMessage()).isEqualTo("failed before the cancel");

        assertThat(new ExecutionGraph(jobGraph(), () -> now).result().hasFailure()).isFalse();
    }

    @Test
    void exceptionsShowTheLastFailureAndTheWholeHistory() {
        assertThat(graph.exceptions()).isEqualTo(JobExceptionsMessage.newBuilder().setRootException("").setTimestamp(0).build());
        assertThat(graph.failureCause()).isNull();

        IllegalStateException first = new IllegalStateException("first failure");
        IllegalArgumentException second = new IllegalArgumentException("second failure");
        now = START + 1_000;
        graph.recordFailure(first, null);
        now = START + 3_000;
        Execution failedMap = graph.createExecutions(SLOTS).get(3);
        graph.recordFailure(second, failedMap);
        now = START + 9_000;

        JobExceptionsMessage exceptions = graph.exceptions();

        assertThat(graph.failureCause()).isSameAs(second);
        assertThat(exceptions.getRootException()).isEqualTo(SerializedThrowables.stackTraceOf(second))
                .startsWith("java.lang.IllegalArgumentException: second failure");
        assertThat(exceptions.getTimestamp()).isEqualTo(START + 3_000);
        assertThat(exceptions.getHistoryList()).containsExactly(
                ExceptionEntry.newBuilder().setExceptionName("java.lang.IllegalArgumentException")
                        .setStacktrace(SerializedThrowables.stackTraceOf(second)).setTimestamp(START + 3_000)
                        .setTaskName("Map (2/2)").setTaskManagerId("tm-b").setHost("10.0.1.2").build(),
                ExceptionEntry.newBuilder().setExceptionName("java.lang.IllegalStateException")
                        .setStacktrace(SerializedThrowables.stackTraceOf(first)).setTimestamp(START + 1_000).build());
    }
}
