package io.spindle.runtime.taskexecutor;

import io.spindle.runtime.messages.TaskManagerResources;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.OperatingSystemMXBean;

/**
 * Measures what this TaskManager's JVM has, for its registration with the ResourceManager and from
 * there {@code GET /taskmanagers}: the processors and memory the JVM sees (container limits
 * included, as the JDK reports them), its heap, its metaspace limit, the network buffer pool and
 * the configured process size.
 */
final class TaskManagerResourcesProbe {
    private TaskManagerResourcesProbe() {}

    static TaskManagerResources measure(long networkMemoryBytes, long processMemoryBytes) {
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.maxMemory();
        long freeHeap = heap - (runtime.totalMemory() - runtime.freeMemory());
        return TaskManagerResources.newBuilder()
                .setCpuCores(runtime.availableProcessors())
                .setPhysicalMemoryBytes(physicalMemory())
                .setHeapBytes(heap)
                .setFreeHeapBytes(Math.max(0, freeHeap))
                .setNetworkMemoryBytes(networkMemoryBytes)
                .setMetaspaceBytes(metaspaceLimit())
                .setProcessMemoryBytes(processMemoryBytes)
                .build();
    }

    /** Through the JDK's extension of the bean; another JVM's bean has no memory size, so 0. */
    private static long physicalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean extended ? extended.getTotalMemorySize() : 0;
    }

    private static long metaspaceLimit() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                return Math.max(0, pool.getUsage().getMax());
            }
        }
        return 0;
    }
}
