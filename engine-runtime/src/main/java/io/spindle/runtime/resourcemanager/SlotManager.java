package io.spindle.runtime.resourcemanager;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Slot accounting of the ResourceManager, free of RPC so it can be tested as plain logic: which
 * TaskExecutors are registered, which of their slots are free or allocated to which job, and
 * which slot requests wait for capacity. Not thread-safe: used from the ResourceManager's main
 * thread only.
 */
public final class SlotManager {

    /** A registered TaskExecutor and the state of its slots. */
    public static final class Worker {
        final String resourceId;
        final InetSocketAddress rpcAddress;
        final InetSocketAddress dataAddress;
        final String[] allocationOfSlot;
        final String[] jobOfSlot;
        long idleSinceMillis;

        Worker(String resourceId, InetSocketAddress rpcAddress, InetSocketAddress dataAddress, int slots, long nowMillis) {
            this.resourceId = resourceId;
            this.rpcAddress = rpcAddress;
            this.dataAddress = dataAddress;
            this.allocationOfSlot = new String[slots];
            this.jobOfSlot = new String[slots];
            this.idleSinceMillis = nowMillis;
        }

        public String resourceId() {
            return resourceId;
        }

        public InetSocketAddress rpcAddress() {
            return rpcAddress;
        }

        public InetSocketAddress dataAddress() {
            return dataAddress;
        }

        public int numberOfSlots() {
            return allocationOfSlot.length;
        }

        public int freeSlots() {
            int free = 0;
            for (String allocation : allocationOfSlot) {
                if (allocation == null) {
                    free++;
                }
            }
            return free;
        }
    }

    /** A slot handed to a job. */
    public record Allocation(Worker worker, int slotIndex, String allocationId, String jobId) {}

    /** A job waiting for {@code count} slots. */
    public record PendingRequest(String jobId, int count, long deadlineMillis, Object handle) {}

    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final List<PendingRequest> pending = new ArrayList<>();

    private final LongSupplier clock;

    public SlotManager(LongSupplier clock) {
        this.clock = clock;
    }

    public void registerWorker(String resourceId, InetSocketAddress rpcAddress, InetSocketAddress dataAddress, int slots) {
        workers.put(resourceId, new Worker(resourceId, rpcAddress, dataAddress, slots, clock.getAsLong()));
    }

    /** Workers with every slot free for at least {@code timeoutMillis}, while no request waits for slots. */
    public List<Worker> idleWorkers(long timeoutMillis) {
        List<Worker> idle = new ArrayList<>();
        if (!pending.isEmpty()) {
            return idle;
        }
        long now = clock.getAsLong();
        for (Worker worker : workers.values()) {
            if (worker.freeSlots() == worker.numberOfSlots() && now - worker.idleSinceMillis >= timeoutMillis) {
                idle.add(worker);
            }
        }
        return idle;
    }

    public boolean isRegistered(String resourceId) {
        return workers.containsKey(resourceId);
    }

    public Worker getWorker(String resourceId) {
        return workers.get(resourceId);
    }

    /** Removes a lost or released worker; returns the allocations it held. */
    public List<Allocation> unregisterWorker(String resourceId) {
        Worker worker = workers.remove(resourceId);
        List<Allocation> lost = new ArrayList<>();
        if (worker != null) {
            for (int i = 0; i < worker.allocationOfSlot.length; i++) {
                if (worker.allocationOfSlot[i] != null) {
                    lost.add(new Allocation(worker, i, worker.allocationOfSlot[i], worker.jobOfSlot[i]));
                }
            }
        }
        return lost;
    }

    public java.util.Collection<Worker> workers() {
        return java.util.Collections.unmodifiableCollection(workers.values());
    }

    public int registeredWorkers() {
        return workers.size();
    }

    public int totalSlots() {
        int total = 0;
        for (Worker worker : workers.values()) {
            total += worker.allocationOfSlot.length;
        }
        return total;
    }

    public int freeSlots() {
        int free = 0;
        for (Worker worker : workers.values()) {
            free += worker.freeSlots();
        }
        return free;
    }

    /**
     * Allocates {@code count} free slots to the job, filling workers in registration order, or
     * none at all when there are not enough.
     */
    public List<Allocation> tryAllocate(String jobId, int count) {
        if (freeSlots() < count) {
            return List.of();
        }
        List<Allocation> result = new ArrayList<>(count);
        for (Worker worker : workers.values()) {
            for (int i = 0; i < worker.allocationOfSlot.length && result.size() < count; i++) {
                if (worker.allocationOfSlot[i] == null) {
                    String allocationId = UUID.randomUUID().toString();
                    worker.allocationOfSlot[i] = allocationId;
                    worker.jobOfSlot[i] = jobId;
                    result.add(new Allocation(worker, i, allocationId, jobId));
                }
            }
        }
        return result;
    }

    /** Removes and returns the job's requests that still wait for slots. */
    public List<PendingRequest> removePending(String jobId) {
        List<PendingRequest> removed = new ArrayList<>();
        for (Iterator<PendingRequest> it = pending.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            if (request.jobId().equals(jobId)) {
                removed.add(request);
                it.remove();
            }
        }
        return removed;
    }

    /** Frees every slot of the job; returns what was freed so the workers can be told. */
    public List<Allocation> releaseJob(String jobId) {
        List<Allocation> released = new ArrayList<>();
        for (Worker worker : workers.values()) {
            for (int i = 0; i < worker.jobOfSlot.length; i++) {
                if (jobId.equals(worker.jobOfSlot[i])) {
                    released.add(new Allocation(worker, i, worker.allocationOfSlot[i], jobId));
                    worker.allocationOfSlot[i] = null;
                    worker.jobOfSlot[i] = null;
                    worker.idleSinceMillis = clock.getAsLong();
                }
            }
        }
        return released;
    }

    public void addPending(PendingRequest request) {
        pending.add(request);
    }

    /** Slots still missing over all pending requests, beyond what is free now. */
    public int missingSlots() {
        int wanted = 0;
        for (PendingRequest request : pending) {
            wanted += request.count();
        }
        return Math.max(0, wanted - freeSlots());
    }

    /** Serves pending requests in arrival order while slots suffice; returns each served request with its slots. */
    public Map<PendingRequest, List<Allocation>> servePending() {
        Map<PendingRequest, List<Allocation>> served = new LinkedHashMap<>();
        for (Iterator<PendingRequest> it = pending.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            List<Allocation> slots = tryAllocate(request.jobId(), request.count());
            if (slots.isEmpty()) {
                break;
            }
            served.put(request, slots);
            it.remove();
        }
        return served;
    }

    /** Removes and returns the requests whose deadline has passed. */
    public List<PendingRequest> expirePending(long nowMillis) {
        List<PendingRequest> expired = new ArrayList<>();
        for (Iterator<PendingRequest> it = pending.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            if (request.deadlineMillis() <= nowMillis) {
                expired.add(request);
                it.remove();
            }
        }
        return expired;
    }
}
