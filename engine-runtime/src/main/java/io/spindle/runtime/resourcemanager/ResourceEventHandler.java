package io.spindle.runtime.resourcemanager;

/** How a {@link ResourceDriver} reports back to the ResourceManager (any thread). */
public interface ResourceEventHandler {
    /** A worker's process ended (its container exited); its slots are gone. */
    void onWorkerTerminated(String resourceId, String diagnostics);

    /** The driver cannot go on (e.g. the cluster manager refused us). */
    void onError(Throwable error);
}
