package io.spindle.runtime.scheduler;

import io.spindle.runtime.messages.SlotGrant;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * The job's connections to the TaskManagers that hold its slots. The JobMaster implements it
 * over RPC and watches each TaskManager with heartbeats; it tells the scheduler when one is lost.
 */
public interface TaskManagerRegistry {
    /** Connects to every TaskManager of {@code slots} not connected yet; fails if one cannot be reached. */
    CompletableFuture<Void> connect(Collection<SlotGrant> slots);

    /** The connected TaskManager, or null when it is not (or no longer) connected. */
    TaskManagerGateway get(String resourceId);
}
