package io.spindle.runtime.resourcemanager;

/**
 * How many workers (TaskManagers) a cluster that starts them on demand should ask for or may let
 * go: enough for the slots that jobs wait for, and never fewer than the configured minimum of
 * slots ({@code slotmanager.number-of-slots.min}), which a session keeps warm so that a job's
 * first task does not wait for a container and a JVM to start.
 */
final class WorkerDemand {
    private final int slotsPerWorker;
    private final int minWorkers;

    WorkerDemand(int slotsPerWorker, int minSlots) {
        if (slotsPerWorker < 1 || minSlots < 0) {
            throw new IllegalArgumentException("slots per worker must be at least 1 and the minimum of slots at least 0, were "
                    + slotsPerWorker + " and " + minSlots);
        }
        this.slotsPerWorker = slotsPerWorker;
        this.minWorkers = (minSlots + slotsPerWorker - 1) / slotsPerWorker;
    }

    /** Workers to request now, given the slots jobs wait for and the workers registered and still coming. */
    int workersToRequest(int missingSlots, int registeredWorkers, int requestedWorkers) {
        int forJobs = (missingSlots + slotsPerWorker - 1) / slotsPerWorker - requestedWorkers;
        int forMinimum = minWorkers - registeredWorkers - requestedWorkers;
        return Math.max(0, Math.max(forJobs, forMinimum));
    }

    /** Whether an idle worker may be released when this many are registered. */
    boolean mayRelease(int registeredWorkers) {
        return registeredWorkers > minWorkers;
    }
}
