package io.spindle.runtime.scheduler;

import io.spindle.api.JobID;
import io.spindle.api.JobStatus;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobEdge;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.graph.OperatorIds;
import io.spindle.graph.PartitionType;
import io.spindle.runtime.checkpoint.StateAssignment;
import io.spindle.runtime.checkpoint.proto.CheckpointNotification;
import io.spindle.runtime.checkpoint.proto.TriggerCheckpoint;
import io.spindle.runtime.executiongraph.Execution;
import io.spindle.runtime.executiongraph.ExecutionGraph;
import io.spindle.runtime.executiongraph.ExecutionState;
import io.spindle.runtime.jobmaster.restart.RestartStrategies;
import io.spindle.runtime.jobmaster.restart.RestartStrategyOptions;
import io.spindle.runtime.messages.Address;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.messages.TaskDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A {@link JobScheduler} over fakes, for a job "Scheduler test job" of a source vertex 0
 * ("Source", parallelism 2) feeding, by rebalance, a sink vertex 1 ("Sink", parallelism 3). The
 * job needs 3 slots: slots 0 and 1 are on TaskManager tm-1 (10.0.0.1), slot 2 on tm-2
 * (10.0.0.2), so tm-1 runs Source 0, Source 1, Sink 0, Sink 1 and tm-2 runs Sink 2 only.
 *
 * <p>Nothing completes by itself: the test completes slot requests, slot releases and (if it
 * asks for that) TaskManager connections, and advances the {@link ManualMainThread}. Every
 * helper that calls into the scheduler runs the main thread's queue afterwards.
 */
final class SchedulerHarness {
    static final long START = 1_700_000_000_000L;
    static final Duration SLOT_TIMEOUT = Duration.ofMinutes(5);
    static final JobID JOB_ID = new JobID(0x1234L, 0x5678L);
    static final String JOB_NAME = "Scheduler test job";
    static final UUID FENCING_TOKEN = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final Address JOB_MASTER_ADDRESS = Address.newBuilder().setHost("10.0.0.9").setPort(6123).build();
    static final String JOB_MASTER_ENDPOINT = "jobmaster-under-test";
    static final int SOURCE = 0;
    static final int SINK = 1;
    /** The one operator id of the source vertex (the 6-argument JobVertex derives it from the vertex id). */
    static final String SOURCE_OPERATOR = OperatorIds.derive(SOURCE);
    static final List<SlotGrant> GRANTS = List.of(slot(0), slot(1), slot(2));

    final ManualMainThread mainThread = new ManualMainThread(START);
    final FakeSlotProvider slots = new FakeSlotProvider();
    final FakeTaskManagers taskManagers = new FakeTaskManagers();
    final FakeCheckpointControl checkpoints = new FakeCheckpointControl();
    final JobGraph jobGraph = jobGraph();
    final ExecutionGraph graph = new ExecutionGraph(jobGraph, mainThread::now);
    /** The slots each TaskDeploymentFactory was made from, one entry per deployed attempt. */
    final List<List<SlotGrant>> factoryGrants = new ArrayList<>();
    final JobScheduler scheduler;

    private SchedulerHarness(Configuration restartConfiguration) {
        Function<List<SlotGrant>, TaskDeploymentFactory> deployments = grants -> {
            factoryGrants.add(grants);
            return new TaskDeploymentFactory(jobGraph, grants, JOB_MASTER_ADDRESS, JOB_MASTER_ENDPOINT, FENCING_TOKEN);
        };
        scheduler = new JobScheduler(graph, slots, taskManagers, deployments,
                RestartStrategies.fromConfiguration(restartConfiguration, mainThread::now), checkpoints, mainThread,
                SLOT_TIMEOUT);
    }

    /** restart-strategy.type: none. */
    static SchedulerHarness withoutRestarts() {
        return new SchedulerHarness(new Configuration());
    }

    /** restart-strategy.type: fixed-delay with the given attempts and delay. */
    static SchedulerHarness withFixedDelay(int attempts, Duration delay) {
        return new SchedulerHarness(new Configuration()
                .set(RestartStrategyOptions.TYPE, RestartStrategyOptions.Type.FIXED_DELAY)
                .set(RestartStrategyOptions.FIXED_DELAY_ATTEMPTS, attempts)
                .set(RestartStrategyOptions.FIXED_DELAY_DELAY, delay));
    }

    static JobGraph jobGraph() {
        JobVertex source = new JobVertex(SOURCE, "Source", 2, 128, true, new byte[] {1});
        JobVertex sink = new JobVertex(SINK, "Sink", 3, 128, false, new byte[] {2});
        return new JobGraph(JOB_ID, JOB_NAME, List.of(source, sink),
                List.of(new JobEdge(SOURCE, SINK, PartitionType.REBALANCE, null)), new Configuration(), List.of());
    }

    static SlotGrant slot(int index) {
        boolean first = index < 2;
        String host = first ? "10.0.0.1" : "10.0.0.2";
        return SlotGrant.newBuilder()
                .setResourceId(first ? "tm-1" : "tm-2")
                .setSlotIndex(first ? index : 0)
                .setAllocationId("alloc-" + index)
                .setRpcAddress(Address.newBuilder().setHost(host).setPort(6122))
                .setDataAddress(Address.newBuilder().setHost(host).setPort(6121))
                .build();
    }

    // ---- driving the scheduler ----

    void start() {
        scheduler.start();
        mainThread.runQueued();
    }

    /** Completes the latest slot request with {@link #GRANTS}. */
    void grantSlots() {
        slots.lastRequest().future().complete(GRANTS);
        mainThread.runQueued();
    }

    /** Starts the job and gives it its slots: every task is deployed. */
    void startAndDeploy() {
        start();
        grantSlots();
    }

    /** Every task of the current attempt reports RUNNING. */
    void allRunning() {
        reportAll(ExecutionState.RUNNING);
    }

    /** Every execution of the current attempt that is not terminal reports {@code state}. */
    void reportAll(ExecutionState state) {
        for (Execution execution : new ArrayList<>(graph.executions())) {
            if (!execution.state().isTerminal()) {
                report(execution.executionId(), state, Map.of(), null);
            }
        }
    }

    void report(int vertex, int subtask, ExecutionState state) {
        report(executionId(vertex, subtask), state, Map.of(), null);
    }

    void report(String executionId, ExecutionState state, Map<String, Long> counters, Throwable failure) {
        scheduler.onTaskState(executionId, state, counters, failure);
        mainThread.runQueued();
    }

    void fail(int vertex, int subtask, Throwable failure) {
        report(executionId(vertex, subtask), ExecutionState.FAILED, Map.of(), failure);
    }

    /** Completes the latest releaseSlots call. */
    void completeRelease() {
        slots.releases.get(slots.releases.size() - 1).complete(null);
        mainThread.runQueued();
    }

    void advance(Duration duration) {
        mainThread.advance(duration);
    }

    // ---- looking ----

    Execution execution(int vertex, int subtask) {
        for (Execution execution : graph.executions()) {
            if (execution.vertex().id() == vertex && execution.subtaskIndex() == subtask) {
                return execution;
            }
        }
        throw new AssertionError("no execution of vertex " + vertex + " subtask " + subtask + " in " + graph.executions());
    }

    String executionId(int vertex, int subtask) {
        return execution(vertex, subtask).executionId();
    }

    List<String> executionIds() {
        return graph.executions().stream().map(Execution::executionId).toList();
    }

    List<ExecutionState> states() {
        return graph.executions().stream().map(Execution::state).toList();
    }

    FakeTaskManager tm(String resourceId) {
        return taskManagers.all.get(resourceId);
    }

    // ---- fakes ----

    /** Slot requests and releases stay pending until the test completes them. */
    static final class FakeSlotProvider implements SlotProvider {
        record Request(int count, Duration timeout, CompletableFuture<List<SlotGrant>> future) {}

        final List<Request> requests = new ArrayList<>();
        final List<CompletableFuture<Void>> releases = new ArrayList<>();

        @Override
        public CompletableFuture<List<SlotGrant>> requestSlots(int count, Duration timeout) {
            Request request = new Request(count, timeout, new CompletableFuture<>());
            requests.add(request);
            return request.future();
        }

        @Override
        public CompletableFuture<Void> releaseSlots() {
            CompletableFuture<Void> release = new CompletableFuture<>();
            releases.add(release);
            return release;
        }

        Request lastRequest() {
            if (requests.isEmpty()) {
                throw new AssertionError("no slots were requested");
            }
            return requests.get(requests.size() - 1);
        }
    }

    /**
     * tm-1 and tm-2, connected from the start. {@link #lose} takes one away, as the JobMaster
     * does before it tells the scheduler. connect() answers with {@link #connectResult}.
     */
    static final class FakeTaskManagers implements TaskManagerRegistry {
        final Map<String, FakeTaskManager> all = new LinkedHashMap<>();
        final Map<String, FakeTaskManager> connected = new LinkedHashMap<>();
        /** Every deployment submitted to any TaskManager, in order. */
        final List<TaskDeployment> submitted = new ArrayList<>();
        final List<List<String>> connectCalls = new ArrayList<>();
        CompletableFuture<Void> connectResult = CompletableFuture.completedFuture(null);

        FakeTaskManagers() {
            for (String resourceId : List.of("tm-1", "tm-2")) {
                FakeTaskManager tm = new FakeTaskManager(resourceId, submitted);
                all.put(resourceId, tm);
                connected.put(resourceId, tm);
            }
        }

        @Override
        public CompletableFuture<Void> connect(Collection<SlotGrant> slots) {
            connectCalls.add(slots.stream().map(SlotGrant::getAllocationId).toList());
            return connectResult;
        }

        @Override
        public TaskManagerGateway get(String resourceId) {
            return connected.get(resourceId);
        }

        void lose(String resourceId) {
            connected.remove(resourceId);
        }
    }

    /** Records what the scheduler sends; submitTask answers with {@link #onSubmit}. */
    static final class FakeTaskManager implements TaskManagerGateway {
        final String resourceId;
        final List<TaskDeployment> submitted = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        private final List<TaskDeployment> allSubmitted;
        Function<TaskDeployment, CompletableFuture<?>> onSubmit = deployment -> CompletableFuture.completedFuture(null);

        FakeTaskManager(String resourceId, List<TaskDeployment> allSubmitted) {
            this.resourceId = resourceId;
            this.allSubmitted = allSubmitted;
        }

        @Override
        public CompletableFuture<?> submitTask(TaskDeployment deployment) {
            submitted.add(deployment);
            allSubmitted.add(deployment);
            return onSubmit.apply(deployment);
        }

        @Override
        public void cancelTask(String executionId) {
            cancelled.add(executionId);
        }

        @Override
        public CompletableFuture<?> triggerCheckpoint(TriggerCheckpoint trigger) {
            throw new AssertionError("the scheduler does not trigger checkpoints");
        }

        @Override
        public void notifyCheckpoint(CheckpointNotification notification) {
            throw new AssertionError("the scheduler does not notify checkpoints");
        }
    }

    /** Records every call, in order; stateToRestore returns {@link #restore} or throws {@link #restoreFailure}. */
    static final class FakeCheckpointControl implements CheckpointControl {
        final List<String> calls = new ArrayList<>();
        StateAssignment restore;
        Exception restoreFailure;

        @Override
        public StateAssignment stateToRestore() throws Exception {
            calls.add("stateToRestore");
            if (restoreFailure != null) {
                throw restoreFailure;
            }
            return restore;
        }

        @Override
        public void onAllTasksRunning() {
            calls.add("onAllTasksRunning");
        }

        @Override
        public void onAttemptEnding() {
            calls.add("onAttemptEnding");
        }

        @Override
        public void onJobTerminal(JobStatus status) {
            calls.add("onJobTerminal(" + status + ")");
        }

        long count(String call) {
            return calls.stream().filter(call::equals).count();
        }
    }
}
