package io.spindle.runtime.network;

/**
 * Sizes and timeouts of a TaskManager's data plane. Immutable; derive variants with the
 * {@code with...} methods, starting from {@link #defaults()}.
 *
 * @param segmentSize bytes per network buffer ({@code taskmanager.memory.segment-size})
 * @param totalBuffers buffers in the TaskManager's global pool; every partition and gate
 *     reserves its share at creation and fails with a clear message when too few are left
 * @param exclusiveBuffersPerChannel buffers each remote input channel owns; its initial credit
 * @param floatingBuffersPerGate buffers an input gate lends to whichever remote channel has a backlog
 * @param buffersPerSubpartition buffers a result partition reserves per subpartition
 * @param extraBuffersPerPartition buffers a result partition reserves on top of the per-subpartition ones
 * @param partitionRequestInitialBackoffMillis first wait before asking again for a partition
 *     that its producer has not registered yet; doubled after every attempt
 * @param partitionRequestMaxBackoffMillis cap of that doubling
 * @param partitionRequestMaxWaitMillis total time to keep asking before the channel fails
 * @param nettyThreads event-loop threads serving the data server and the client connections
 */
public record NetworkOptions(
        int segmentSize,
        int totalBuffers,
        int exclusiveBuffersPerChannel,
        int floatingBuffersPerGate,
        int buffersPerSubpartition,
        int extraBuffersPerPartition,
        long partitionRequestInitialBackoffMillis,
        long partitionRequestMaxBackoffMillis,
        long partitionRequestMaxWaitMillis,
        int nettyThreads) {

    public NetworkOptions {
        requireAtLeast("segmentSize", segmentSize, 64);
        requireAtLeast("totalBuffers", totalBuffers, 1);
        // Credit-based flow control needs an initial credit, or a remote channel never receives.
        requireAtLeast("exclusiveBuffersPerChannel", exclusiveBuffersPerChannel, 1);
        requireAtLeast("floatingBuffersPerGate", floatingBuffersPerGate, 0);
        requireAtLeast("buffersPerSubpartition", buffersPerSubpartition, 1);
        requireAtLeast("extraBuffersPerPartition", extraBuffersPerPartition, 0);
        requireAtLeast("partitionRequestInitialBackoffMillis", partitionRequestInitialBackoffMillis, 1);
        requireAtLeast("partitionRequestMaxBackoffMillis", partitionRequestMaxBackoffMillis,
                partitionRequestInitialBackoffMillis);
        requireAtLeast("partitionRequestMaxWaitMillis", partitionRequestMaxWaitMillis, 0);
        requireAtLeast("nettyThreads", nettyThreads, 1);
    }

    /** 32 KiB segments, 2048 buffers (64 MiB), 2 exclusive + 8 floating, 10 s partition wait. */
    public static NetworkOptions defaults() {
        return new NetworkOptions(32 * 1024, 2048, 2, 8, 2, 8, 10, 500, 10_000, 2);
    }

    public NetworkOptions withSegmentSize(int value) {
        return new NetworkOptions(value, totalBuffers, exclusiveBuffersPerChannel, floatingBuffersPerGate,
                buffersPerSubpartition, extraBuffersPerPartition, partitionRequestInitialBackoffMillis,
                partitionRequestMaxBackoffMillis, partitionRequestMaxWaitMillis, nettyThreads);
    }

    public NetworkOptions withTotalBuffers(int value) {
        return new NetworkOptions(segmentSize, value, exclusiveBuffersPerChannel, floatingBuffersPerGate,
                buffersPerSubpartition, extraBuffersPerPartition, partitionRequestInitialBackoffMillis,
                partitionRequestMaxBackoffMillis, partitionRequestMaxWaitMillis, nettyThreads);
    }

    public NetworkOptions withChannelBuffers(int exclusivePerChannel, int floatingPerGate) {
        return new NetworkOptions(segmentSize, totalBuffers, exclusivePerChannel, floatingPerGate,
                buffersPerSubpartition, extraBuffersPerPartition, partitionRequestInitialBackoffMillis,
                partitionRequestMaxBackoffMillis, partitionRequestMaxWaitMillis, nettyThreads);
    }

    public NetworkOptions withPartitionBuffers(int perSubpartition, int extraPerPartition) {
        return new NetworkOptions(segmentSize, totalBuffers, exclusiveBuffersPerChannel, floatingBuffersPerGate,
                perSubpartition, extraPerPartition, partitionRequestInitialBackoffMillis,
                partitionRequestMaxBackoffMillis, partitionRequestMaxWaitMillis, nettyThreads);
    }

    public NetworkOptions withPartitionRequestRetry(long initialBackoffMillis, long maxBackoffMillis, long maxWaitMillis) {
        return new NetworkOptions(segmentSize, totalBuffers, exclusiveBuffersPerChannel, floatingBuffersPerGate,
                buffersPerSubpartition, extraBuffersPerPartition, initialBackoffMillis, maxBackoffMillis,
                maxWaitMillis, nettyThreads);
    }

    /** Buffers a partition with this many subpartitions reserves from the global pool. */
    public int buffersPerPartition(int numberOfSubpartitions) {
        return numberOfSubpartitions * buffersPerSubpartition + extraBuffersPerPartition;
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    "Network option " + name + " is " + value + " but must be at least " + min);
        }
    }
}
