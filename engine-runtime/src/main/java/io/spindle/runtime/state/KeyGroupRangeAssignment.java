package io.spindle.runtime.state;

/**
 * Maps keys to key groups and key groups to parallel operator instances. A key group is the
 * unit of keyed state; max parallelism is the number of key groups, so a job can later be
 * rescaled up to it without rehashing keys.
 */
public final class KeyGroupRangeAssignment {
    public static final int DEFAULT_LOWER_BOUND_MAX_PARALLELISM = 128;
    public static final int UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

    private KeyGroupRangeAssignment() {}

    public static int assignToKeyGroup(Object key, int maxParallelism) {
        return computeKeyGroupForKeyHash(key.hashCode(), maxParallelism);
    }

    public static int computeKeyGroupForKeyHash(int keyHash, int maxParallelism) {
        int mixed = murmurMix(keyHash);
        // Max parallelism is a power of two unless the user chose otherwise: a mask then does the
        // floor modulo without the division, on every record of every keyed exchange.
        return (maxParallelism & (maxParallelism - 1)) == 0 ? mixed & (maxParallelism - 1) : Math.floorMod(mixed, maxParallelism);
    }

    public static int assignKeyToParallelOperator(Object key, int maxParallelism, int parallelism) {
        return computeOperatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));
    }

    public static int computeOperatorIndexForKeyGroup(int maxParallelism, int parallelism, int keyGroupId) {
        return keyGroupId * parallelism / maxParallelism;
    }

    /** First key group (inclusive) owned by {@code operatorIndex}. */
    public static int firstKeyGroup(int maxParallelism, int parallelism, int operatorIndex) {
        return (operatorIndex * maxParallelism + parallelism - 1) / parallelism;
    }

    /** Last key group (inclusive) owned by {@code operatorIndex}. */
    public static int lastKeyGroup(int maxParallelism, int parallelism, int operatorIndex) {
        return ((operatorIndex + 1) * maxParallelism - 1) / parallelism;
    }

    /** Default max parallelism: 1.5 x parallelism rounded up to a power of two, within bounds. */
    public static int computeDefaultMaxParallelism(int parallelism) {
        int candidate = Integer.highestOneBit(Math.max(1, parallelism + parallelism / 2) * 2 - 1);
        return Math.min(Math.max(candidate, DEFAULT_LOWER_BOUND_MAX_PARALLELISM), UPPER_BOUND_MAX_PARALLELISM);
    }

    /** The finalizer of MurmurHash3, so that keys with close hash codes spread over key groups. */
    private static int murmurMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
