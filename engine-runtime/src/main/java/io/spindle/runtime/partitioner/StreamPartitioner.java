package io.spindle.runtime.partitioner;

import io.spindle.api.functions.KeySelector;
import io.spindle.graph.PartitionType;
import io.spindle.runtime.state.KeyGroupRangeAssignment;

/**
 * Chooses the consumer channel of each record of one outgoing edge: channel 0 for forward, by
 * key group for hash (the same key always reaches the instance that owns its key group), round
 * robin for rebalance. Broadcast has no single channel; the writer sends to all.
 */
public final class StreamPartitioner<T> {
    private final PartitionType type;
    private final KeySelector<T, ?> keySelector;
    private final int consumerMaxParallelism;
    private final int numberOfChannels;
    private int nextChannel;

    /**
     * @param producerIndex where round robin starts, so parallel producers do not all begin with channel 0
     */
    public StreamPartitioner(PartitionType type, KeySelector<T, ?> keySelector, int consumerMaxParallelism,
            int numberOfChannels, int producerIndex) {
        if (type == PartitionType.HASH && keySelector == null) {
            throw new IllegalArgumentException("hash partitioning needs a key selector");
        }
        if (type == PartitionType.FORWARD && numberOfChannels != 1) {
            throw new IllegalArgumentException("forward partitioning writes exactly one channel, not " + numberOfChannels);
        }
        this.type = type;
        this.keySelector = keySelector;
        this.consumerMaxParallelism = consumerMaxParallelism;
        this.numberOfChannels = numberOfChannels;
        this.nextChannel = producerIndex % numberOfChannels;
    }

    public PartitionType getType() {
        return type;
    }

    public int getNumberOfChannels() {
        return numberOfChannels;
    }

    /** The channel for {@code value}; not for broadcast edges. */
    public int selectChannel(T value) throws Exception {
        switch (type) {
            case FORWARD:
                return 0;
            case HASH:
                Object key = keySelector.getKey(value);
                if (key == null) {
                    throw new IllegalStateException("The key selector of keyBy(...) returned null for record " + value
                            + "; every record needs a non-null key");
                }
                return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, consumerMaxParallelism, numberOfChannels);
            case REBALANCE:
                int channel = nextChannel;
                nextChannel = channel + 1 == numberOfChannels ? 0 : channel + 1;
                return channel;
            default:
                throw new IllegalStateException("a broadcast edge sends every record to all channels");
        }
    }
}
