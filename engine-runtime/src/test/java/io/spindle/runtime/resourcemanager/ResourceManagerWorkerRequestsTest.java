package io.spindle.runtime.resourcemanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.rpc.RpcOptions;
import io.spindle.rpc.RpcService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the ResourceManager asks its driver for, with a driver that only records the requests. */
class ResourceManagerWorkerRequestsTest {
    private RpcService rpcService;
    private ScheduledExecutorService scheduler;
    private final List<Throwable> fatalErrors = new ArrayList<>();
    private final UUID leaderSessionId = UUID.randomUUID();

    @BeforeEach
    void start() throws Exception {
        rpcService = RpcService.start("127.0.0.1", 0, RpcOptions.defaults());
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        rpcService.close();
        scheduler.shutdownNow();
    }

    @Test
    void aDriverThatStartsWorkersGetsTheMinimumOfSlotsAtOnce() throws Exception {
        RecordingDriver driver = new RecordingDriver(true);
        startResourceManager(driver, 2, 3);

        assertThat(driver.requested).containsExactly(2);
        assertThat(fatalErrors).isEmpty();
    }

    @Test
    void aWorkerThatEndsBeforeItRegistersIsRequestedAgain() throws Exception {
        RecordingDriver driver = new RecordingDriver(true);
        ResourceManager resourceManager = startResourceManager(driver, 1, 2);

        driver.handler.onWorkerTerminated("container_1", "exit code 1");
        resourceManager.requestSlotCounts().get(10, TimeUnit.SECONDS);

        assertThat(driver.requested).containsExactly(2, 1);
    }

    @Test
    void workersThatEndWhileTheClusterShutsDownAreNotReplaced() throws Exception {
        RecordingDriver driver = new RecordingDriver(true);
        ResourceManager resourceManager = startResourceManager(driver, 1, 2);
        ResourceManagerGateway gateway = new ResourceManagerGateway(
                rpcService.connect(rpcService.getAddress(), ResourceManagerGateway.ENDPOINT_ID).get(10, TimeUnit.SECONDS),
                leaderSessionId);

        gateway.shutDownTaskManagers().get(10, TimeUnit.SECONDS);
        driver.handler.onWorkerTerminated("container_1", "killed as its application ends");
        resourceManager.requestSlotCounts().get(10, TimeUnit.SECONDS);

        assertThat(driver.requested).containsExactly(2);
    }

    @Test
    void workersFoundStartedAreNeverRequested() throws Exception {
        RecordingDriver driver = new RecordingDriver(false);
        startResourceManager(driver, 1, 4);

        assertThat(driver.requested).isEmpty();
    }

    private ResourceManager startResourceManager(RecordingDriver driver, int slotsPerWorker, int minSlots) throws Exception {
        ResourceManager resourceManager = new ResourceManager(rpcService, leaderSessionId, driver, slotsPerWorker, minSlots,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), scheduler, fatalErrors::add);
        resourceManager.start();
        // Runs on the ResourceManager's thread after its start: the requests of the start are made by then.
        resourceManager.requestSlotCounts().get(10, TimeUnit.SECONDS);
        return resourceManager;
    }

    private static final class RecordingDriver implements ResourceDriver {
        private final boolean startsWorkers;
        private final List<Integer> requested = new ArrayList<>();
        private ResourceEventHandler handler;

        RecordingDriver(boolean startsWorkers) {
            this.startsWorkers = startsWorkers;
        }

        @Override
        public void initialize(ResourceEventHandler handler) {
            this.handler = handler;
        }

        @Override
        public void requestWorkers(int count) {
            requested.add(count);
        }

        @Override
        public void releaseWorker(String resourceId) {}

        @Override
        public boolean startsWorkersOnDemand() {
            return startsWorkers;
        }
    }
}
