package io.spindle.runtime.taskexecutor;

/** Which slot of this TaskManager is allocated to which job; main thread only. */
final class TaskSlotTable {
    private final String[] allocations;
    private final String[] jobs;

    TaskSlotTable(int slots) {
        allocations = new String[slots];
        jobs = new String[slots];
    }

    void allocate(int slotIndex, String allocationId, String jobId) {
        if (slotIndex < 0 || slotIndex >= allocations.length) {
            throw new IllegalArgumentException("slot " + slotIndex + " does not exist; this TaskManager has " + allocations.length);
        }
        if (allocations[slotIndex] != null && !allocations[slotIndex].equals(allocationId)) {
            throw new IllegalStateException("slot " + slotIndex + " is already allocated to job " + jobs[slotIndex]);
        }
        allocations[slotIndex] = allocationId;
        jobs[slotIndex] = jobId;
    }

    /** Frees the slot of the allocation; returns the job that held it, or null. */
    String free(String allocationId) {
        for (int i = 0; i < allocations.length; i++) {
            if (allocationId.equals(allocations[i])) {
                String job = jobs[i];
                allocations[i] = null;
                jobs[i] = null;
                return job;
            }
        }
        return null;
    }

    void freeJob(String jobId) {
        for (int i = 0; i < jobs.length; i++) {
            if (jobId.equals(jobs[i])) {
                allocations[i] = null;
                jobs[i] = null;
            }
        }
    }

    boolean isAllocatedTo(String allocationId, String jobId) {
        for (int i = 0; i < allocations.length; i++) {
            if (allocationId.equals(allocations[i]) && jobId.equals(jobs[i])) {
                return true;
            }
        }
        return false;
    }

    boolean hasAllocationsOf(String jobId) {
        for (String job : jobs) {
            if (jobId.equals(job)) {
                return true;
            }
        }
        return false;
    }

    String allocationOf(int slotIndex) {
        return allocations[slotIndex];
    }

    String jobOf(int slotIndex) {
        return jobs[slotIndex];
    }
}
