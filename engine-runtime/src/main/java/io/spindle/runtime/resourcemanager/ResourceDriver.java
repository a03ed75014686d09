package io.spindle.runtime.resourcemanager;

/**
 * Starts and stops workers (TaskManagers) for the ResourceManager. Standalone clusters start
 * their workers themselves, so their driver does nothing; the YARN driver asks YARN for
 * containers. Calls come from the ResourceManager's main thread.
 */
public interface ResourceDriver extends AutoCloseable {
    void initialize(ResourceEventHandler handler) throws Exception;

    /** Asks for {@code count} more workers, each with {@code slotsPerWorker} slots. */
    void requestWorkers(int count);

    /** A worker registered with the ResourceManager (its first time or again). */
    default void onWorkerRegistered(String resourceId) {}

    /** Stops a worker that is no longer needed. */
    void releaseWorker(String resourceId);

    /**
     * Whether this driver starts workers on demand (YARN) rather than finding them started
     * (standalone). Only then are idle workers released after {@code resourcemanager.taskmanager-timeout}.
     */
    default boolean startsWorkersOnDemand() {
        return false;
    }

    @Override
    default void close() throws Exception {}
}
