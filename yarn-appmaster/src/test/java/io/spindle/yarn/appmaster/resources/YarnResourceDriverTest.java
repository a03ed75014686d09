package io.spindle.yarn.appmaster.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.resourcemanager.ResourceEventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.proto.YarnServiceProtos.SchedulerResourceTypes;
import org.apache.hadoop.yarn.util.Records;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class YarnResourceDriverTest {
    private static final TaskManagerResourceSpec SPEC = new TaskManagerResourceSpec(2048, 2);

    private final FakeYarnClients clients = new FakeYarnClients();
    private final FakeYarnClients.ManualMainThread mainThread = new FakeYarnClients.ManualMainThread();
    private final RecordingHandler handler = new RecordingHandler();
    private final TestContainers containers = new TestContainers();
    private final AtomicLong clock = new AtomicLong(5_000_000);
    private final List<String> launchContextsBuiltFor = new ArrayList<>();
    private TaskManagerLaunchContextFactory launchContexts = (container, spec) -> {
        launchContextsBuiltFor.add(container.getId() + " " + spec);
        return ContainerLaunchContext.newInstance(Map.of(), Map.of(), List.of("taskmanager.sh"), null, null, null);
    };
    private YarnResourceDriver driver;

    @BeforeEach
    void startDriver() {
        startDriver(new Configuration());
    }

    private void startDriver(Configuration configuration) {
        startDriver(configuration, false);
    }

    private void startDriver(Configuration configuration, boolean laterAttempt) {
        driver = new YarnResourceDriver(configuration, SPEC, clients,
                (container, spec) -> launchContexts.create(container, spec), mainThread, clock::get, laterAttempt);
        driver.initialize(handler);
    }

    @Test
    void startsTheClientsAndClosesThem() {
        assertThat(clients.resourceManager.isInState(org.apache.hadoop.service.Service.STATE.STARTED)).isTrue();
        assertThat(clients.nodeManager.isInState(org.apache.hadoop.service.Service.STATE.STARTED)).isTrue();
        assertThat(driver.getAMRMClient()).isSameAs(clients.resourceManager);

        driver.close();

        assertThat(clients.resourceManager.isInState(org.apache.hadoop.service.Service.STATE.STOPPED)).isTrue();
        assertThat(clients.nodeManager.isInState(org.apache.hadoop.service.Service.STATE.STOPPED)).isTrue();
    }

    @Test
    void heartbeatsFastWhileContainerRequestsArePendingAndSlowOnceServed() {
        assertThat(clients.resourceManager.heartbeatInterval()).as("fast from the start").isEqualTo(100);

        driver.requestWorkers(2);

        assertThat(clients.resourceManager.heartbeatInterval()).isEqualTo(100);
        assertThat(clients.resourceManager.requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.getCapability()).isEqualTo(Resource.newInstance(2048, 2));
            assertThat(request.getPriority()).isEqualTo(clients.resourceManager.requests.get(0).getPriority());
        });

        Container first = allocated();
        clients.resourceManagerCallbacks.onContainersAllocated(List.of(first));
        assertThat(clients.nodeManager.started).as("YARN events wait for the main thread").isEmpty();
        mainThread.runQueued();

        assertThat(clients.nodeManager.started).containsExactly(first);
        assertThat(clients.nodeManager.launchContexts.get(0).getCommands()).containsExactly("taskmanager.sh");
        assertThat(launchContextsBuiltFor).containsExactly(first.getId() + " " + SPEC);
        assertThat(clients.resourceManager.requests).hasSize(1);
        assertThat(clients.resourceManager.heartbeatInterval()).isEqualTo(100);

        clients.resourceManagerCallbacks.onContainersAllocated(List.of(allocated()));
        mainThread.runQueued();

        assertThat(clients.nodeManager.started).hasSize(2);
        assertThat(clients.resourceManager.requests).isEmpty();
        assertThat(clients.resourceManager.removedRequests).hasSize(2);
        assertThat(clients.resourceManager.heartbeatIntervals).containsExactly(100, 1_000);
    }

    @Test
    void heartbeatIntervalsComeFromTheConfiguration() {
        Configuration configuration = new Configuration()
                .setString(YarnResourceOptions.CONTAINER_REQUEST_HEARTBEAT_INTERVAL.key(), "100 ms")
                .set(YarnResourceOptions.HEARTBEAT_INTERVAL_SECONDS, 2);
        startDriver(configuration);

        driver.requestWorkers(1);
        clients.resourceManagerCallbacks.onContainersAllocated(List.of(allocated()));
        mainThread.runQueued();

        assertThat(clients.resourceManager.heartbeatIntervals).containsExactly(100, 2_000);
    }

    @Test
    void completedContainersReachTheResourceManagerWithDiagnostics() {
        Container container = runningContainer();

        clients.resourceManagerCallbacks.onContainersCompleted(List.of(TestContainers.completed(container,
                ContainerExitStatus.KILLED_EXCEEDED_PMEM, "Container is running beyond physical memory limits.")));
        assertThat(handler.terminated).isEmpty();
        mainThread.runQueued();

        assertThat(handler.terminated).singleElement().satisfies(terminated -> {
            assertThat(terminated.resourceId()).isEqualTo(container.getId().toString());
            assertThat(terminated.diagnostics()).contains("beyond physical memory limits",
                    "status " + ContainerExitStatus.KILLED_EXCEEDED_PMEM, "physical memory limit");
        });
        assertThat(clients.resourceManager.requests).as("replacing is the ResourceManager's call").isEmpty();
    }

    @Test
    void releaseWorkerStopsTheContainerAndGivesItBack() {
        Container kept = runningContainer();
        Container released = runningContainer();

        driver.releaseWorker(released.getId().toString());

        assertThat(clients.nodeManager.stopped).containsExactly(released.getId());
        assertThat(clients.nodeManager.stoppedOn).containsExactly(released.getNodeId());
        assertThat(clients.resourceManager.released).containsExactly(released.getId());

        clients.resourceManagerCallbacks.onContainersCompleted(List.of(
                TestContainers.completed(released, ContainerExitStatus.KILLED_BY_APPMASTER, "stopped by the AM")));
        mainThread.runQueued();
        assertThat(handler.terminated).as("a released worker's exit is expected").isEmpty();

        driver.releaseWorker("container_unknown_01_000001");
        assertThat(clients.nodeManager.stopped).containsExactly(released.getId());
        assertThat(kept.getId()).isNotIn(clients.resourceManager.released);
    }

    @Test
    void surplusContainersAreReleased() {
        driver.requestWorkers(1);
        Container wanted = allocated();
        Container surplus = allocated();

        clients.resourceManagerCallbacks.onContainersAllocated(List.of(wanted, surplus));
        mainThread.runQueued();

        assertThat(clients.nodeManager.started).containsExactly(wanted);
        assertThat(clients.resourceManager.released).containsExactly(surplus.getId());
    }

    @Test
    void containerThatFailsToStartIsReleasedAndRequestedAgain() {
        driver.requestWorkers(1);
        Container container = allocated();
        clients.resourceManagerCallbacks.onContainersAllocated(List.of(container));
        mainThread.runQueued();

        clients.nodeManagerCallbacks.onStartContainerError(container.getId(), new RuntimeException("NM refused"));
        mainThread.runQueued();

        assertThat(clients.resourceManager.released).containsExactly(container.getId());
        assertThat(clients.resourceManager.requests).hasSize(1);
        assertThat(clients.resourceManager.heartbeatInterval()).isEqualTo(100);
        assertThat(handler.terminated).isEmpty();
    }

    @Test
    void launchContextFailureCountsAsStartFailureAndBacksOff() {
        startDriver(new Configuration().set(YarnResourceOptions.START_WORKER_MAX_FAILURE_RATE, 0.0));
        launchContexts = (container, spec) -> {
            throw new IllegalStateException("jar missing");
        };
        driver.requestWorkers(1);
        Container container = allocated();
        clients.resourceManagerCallbacks.onContainersAllocated(List.of(container));
        mainThread.runQueued();

        assertThat(clients.nodeManager.started).isEmpty();
        assertThat(clients.resourceManager.released).containsExactly(container.getId());
        assertThat(clients.resourceManager.requests).as("requests are paused").isEmpty();
        assertThat(clients.resourceManager.heartbeatInterval()).isEqualTo(1_000);
        assertThat(mainThread.delays).containsExactly(Duration.ofSeconds(3));

        clock.addAndGet(3_000);
        mainThread.delayed.get(0).run();

        assertThat(clients.resourceManager.requests).hasSize(1);
        assertThat(clients.resourceManager.heartbeatInterval()).isEqualTo(100);
    }

    @Test
    void yarnErrorsAndShutdownRequestsReachTheResourceManager() {
        clients.resourceManagerCallbacks.onError(new java.io.IOException("connection refused"));
        clients.resourceManagerCallbacks.onShutdownRequest();
        mainThread.runQueued();

        assertThat(handler.errors).hasSize(2);
        assertThat(handler.errors.get(0)).hasMessageContaining("connection refused")
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThat(handler.errors.get(1)).hasMessageContaining("asked this ApplicationMaster to shut down");
    }

    @Test
    void registrationTellsWhetherVcoresCountAndWhetherTaskManagersFit() {
        RegisterApplicationMasterResponse memoryOnly = Records.newRecord(RegisterApplicationMasterResponse.class);
        memoryOnly.setMaximumResourceCapability(Resource.newInstance(8192, 1));
        memoryOnly.setSchedulerResourceTypes(EnumSet.of(SchedulerResourceTypes.MEMORY));
        driver.applicationMasterRegistered(memoryOnly);
        mainThread.runQueued();
        assertThat(handler.errors).isEmpty();

        driver.requestWorkers(1);
        Container oneVcore = containers.allocate(2048, 1, clients.resourceManager.requests.get(0).getPriority());
        clients.resourceManagerCallbacks.onContainersAllocated(List.of(oneVcore));
        mainThread.runQueued();
        assertThat(clients.nodeManager.started).containsExactly(oneVcore);

        RegisterApplicationMasterResponse tooSmall = Records.newRecord(RegisterApplicationMasterResponse.class);
        tooSmall.setMaximumResourceCapability(Resource.newInstance(1024, 8));
        tooSmall.setSchedulerResourceTypes(EnumSet.of(SchedulerResourceTypes.MEMORY, SchedulerResourceTypes.CPU));
        driver.applicationMasterRegistered(tooSmall);
        mainThread.runQueued();
        assertThat(handler.errors).singleElement().satisfies(error ->
                assertThat(error).hasMessageContaining("2048 MB / 2 vcores").hasMessageContaining("1024 MB"));
    }

    @Test
    void aLaterAttemptWaitsForTheRegistrationAndLetsInheritedTaskManagersServeItsRequests() {
        driver.close();
        startDriver(new Configuration(), true);
        driver.requestWorkers(3);
        assertThat(clients.resourceManager.requests).as("held until the inherited containers are known").isEmpty();

        Container first = containers.allocate(2048, 2, null);
        Container second = containers.allocate(2048, 2, null);
        RegisterApplicationMasterResponse registration = Records.newRecord(RegisterApplicationMasterResponse.class);
        registration.setContainersFromPreviousAttempts(List.of(first, second));
        driver.applicationMasterRegistered(registration);
        mainThread.runQueued();

        assertThat(clients.resourceManager.requests).as("one container more than attempt 1 left").hasSize(1);
        assertThat(clients.nodeManager.started).as("inherited TaskManagers already run").isEmpty();

        driver.releaseWorker(first.getId().toString());
        assertThat(clients.nodeManager.stopped).containsExactly(first.getId());
        clients.resourceManagerCallbacks.onContainersCompleted(List.of(
                TestContainers.completed(second, ContainerExitStatus.KILLED_BY_RESOURCEMANAGER, "node lost")));
        mainThread.runQueued();
        assertThat(handler.terminated).as("a claimed inherited TaskManager's end is reported")
                .singleElement().satisfies(ended -> assertThat(ended.resourceId()).isEqualTo(second.getId().toString()));
    }

    @Test
    void eventsAfterCloseAreDropped() {
        driver.requestWorkers(1);
        Container container = allocated();
        driver.close();

        clients.resourceManagerCallbacks.onContainersAllocated(List.of(container));
        clients.resourceManagerCallbacks.onShutdownRequest();
        mainThread.runQueued();

        assertThat(clients.nodeManager.started).isEmpty();
        assertThat(handler.errors).isEmpty();
    }

    private Container allocated() {
        ContainerRequest request = clients.resourceManager.requests.get(0);
        return containers.allocate(SPEC.memoryMb(), SPEC.vcores(), request.getPriority());
    }

    private Container runningContainer() {
        driver.requestWorkers(1);
        Container container = allocated();
        clients.resourceManagerCallbacks.onContainersAllocated(List.of(container));
        mainThread.runQueued();
        clients.nodeManagerCallbacks.onContainerStarted(container.getId(), Map.of());
        mainThread.runQueued();
        return container;
    }

    private record Terminated(String resourceId, String diagnostics) {}

    private static final class RecordingHandler implements ResourceEventHandler {
        final List<Terminated> terminated = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void onWorkerTerminated(String resourceId, String diagnostics) {
            terminated.add(new Terminated(resourceId, diagnostics));
        }

        @Override
        public void onError(Throwable error) {
            errors.add(error);
        }
    }
}
