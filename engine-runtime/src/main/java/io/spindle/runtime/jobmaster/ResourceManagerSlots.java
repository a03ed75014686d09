package io.spindle.runtime.jobmaster;

import io.spindle.runtime.messages.RequestSlots;
import io.spindle.runtime.messages.SlotGrant;
import io.spindle.runtime.resourcemanager.ResourceManagerGateway;
import io.spindle.runtime.scheduler.SlotProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A job's slots from the ResourceManager, over RPC. */
final class ResourceManagerSlots implements SlotProvider {
    private final ResourceManagerGateway resourceManager;
    private final String jobId;

    ResourceManagerSlots(ResourceManagerGateway resourceManager, String jobId) {
        this.resourceManager = resourceManager;
        this.jobId = jobId;
    }

    @Override
    public CompletableFuture<List<SlotGrant>> requestSlots(int count, Duration timeout) {
        return resourceManager.requestSlots(RequestSlots.newBuilder().setJobId(jobId).setCount(count)
                .setTimeoutMs(timeout.toMillis()).build()).thenApply(grants -> grants.getSlotsList());
    }

    @Override
    public CompletableFuture<Void> releaseSlots() {
        return resourceManager.releaseSlots(jobId).thenApply(ack -> null);
    }
}
