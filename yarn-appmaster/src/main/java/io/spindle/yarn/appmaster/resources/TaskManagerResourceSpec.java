package io.spindle.yarn.appmaster.resources;

import org.apache.hadoop.yarn.api.records.Resource;

/**
 * The container size one TaskManager needs. Each distinct spec is requested from YARN under its
 * own priority, so allocated containers can be told apart by the priority they carry.
 *
 * @param memoryMb container memory in MB (the TaskManager's whole process size)
 * @param vcores   virtual cores of the container
 */
public record TaskManagerResourceSpec(int memoryMb, int vcores) {
    public TaskManagerResourceSpec {
        if (memoryMb <= 0 || vcores <= 0) {
            throw new IllegalArgumentException("A TaskManager container needs positive memory and vcores, got "
                    + memoryMb + " MB and " + vcores + " vcores; check the TaskManager memory and vcore settings.");
        }
    }

    /** The YARN resource to ask for. */
    public Resource toResource() {
        return Resource.newInstance(memoryMb, vcores);
    }

    /** Whether a container of {@code resource} can hold this TaskManager. */
    boolean fitsInto(Resource resource, boolean checkVcores) {
        return resource.getMemorySize() >= memoryMb && (!checkVcores || resource.getVirtualCores() >= vcores);
    }

    @Override
    public String toString() {
        return memoryMb + " MB / " + vcores + " vcores";
    }
}
