package io.spindle.runtime.network;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The partitions a TaskManager currently produces, looked up by local and remote consumers. */
final class ResultPartitionManager {

    private final ConcurrentHashMap<ResultPartitionId, ResultPartition> partitions = new ConcurrentHashMap<>();

    void register(ResultPartition partition) throws IOException {
        if (partitions.putIfAbsent(partition.getId(), partition) != null) {
            throw new IOException("Result partition " + partition.getId() + " is already registered; every"
                    + " execution attempt must use its own ResultPartitionId");
        }
    }

    ResultPartition get(ResultPartitionId id) {
        return partitions.get(id);
    }

    void unregister(ResultPartition partition) {
        partitions.remove(partition.getId(), partition);
    }

    List<ResultPartition> all() {
        return new ArrayList<>(partitions.values());
    }
}
