package io.spindle.runtime.network;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where one input channel of an input gate reads from: a subpartition of a result partition
 * produced by the TaskManager whose data server listens at {@code producerDataAddress}.
 */
public record InputChannelSpec(ResultPartitionId partition, int subpartitionIndex, InetSocketAddress producerDataAddress) {

    public InputChannelSpec {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(producerDataAddress, "producerDataAddress");
        if (subpartitionIndex < 0) {
            throw new IllegalArgumentException("subpartitionIndex must be >= 0, got " + subpartitionIndex);
        }
    }
}
