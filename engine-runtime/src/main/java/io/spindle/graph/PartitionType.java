package io.spindle.graph;

/** How the records of an edge are distributed among the consumer's parallel instances. */
public enum PartitionType {
    /** Producer instance i sends to consumer instance i; parallelism must match. */
    FORWARD,
    /** By key: the key's key group decides the consumer instance. */
    HASH,
    /** Round robin over all consumer instances. */
    REBALANCE,
    /** Every record to every consumer instance. */
    BROADCAST
}
