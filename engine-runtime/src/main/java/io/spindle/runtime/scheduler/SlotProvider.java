package io.spindle.runtime.scheduler;

import io.spindle.runtime.messages.SlotGrant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where a job's slots come from: the ResourceManager, or a fake in unit tests. */
public interface SlotProvider {
    /** Slots for the job, all at once, or a failure once {@code timeout} has passed. */
    CompletableFuture<List<SlotGrant>> requestSlots(int count, Duration timeout);

    /** Gives every slot of the job back; completes when the ResourceManager has them. */
    CompletableFuture<Void> releaseSlots();
}
