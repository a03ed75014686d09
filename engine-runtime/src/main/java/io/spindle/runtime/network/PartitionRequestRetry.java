package io.spindle.runtime.network;

/**
 * Exponential backoff for asking a producer about a partition it has not registered yet: a
 * consumer may be deployed before its producer. Used by one channel, from one thread at a time.
 */
final class PartitionRequestRetry {

    private final NetworkOptions options;
    private final long deadlineNanos;
    private long nextBackoffMillis;

    PartitionRequestRetry(NetworkOptions options) {
        this.options = options;
        this.deadlineNanos = System.nanoTime() + options.partitionRequestMaxWaitMillis() * 1_000_000L;
        this.nextBackoffMillis = options.partitionRequestInitialBackoffMillis();
    }

    /** Milliseconds to wait before the next attempt, or -1 when the maximum wait is used up. */
    long nextBackoffMillis() {
        if (System.nanoTime() >= deadlineNanos) {
            return -1;
        }
        long backoff = nextBackoffMillis;
        nextBackoffMillis = Math.min(nextBackoffMillis * 2, options.partitionRequestMaxBackoffMillis());
        return backoff;
    }

    String notFoundMessage(InputChannelSpec spec) {
        return "Result partition " + spec.partition() + " (subpartition " + spec.subpartitionIndex()
                + ") was not registered at the producer " + spec.producerDataAddress() + " within "
                + options.partitionRequestMaxWaitMillis() + " ms. Check that the producing task was deployed"
                + " and started; if producers start slowly, raise NetworkOptions.partitionRequestMaxWaitMillis.";
    }
}
