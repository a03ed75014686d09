package io.spindle.graph;

/**
 * A connection between two job vertices. Each edge is one result partition per producer
 * instance, with one subpartition per consumer instance (one for FORWARD).
 *
 * @param keySelector Java-serialized key selector, for {@link PartitionType#HASH} only
 */
public record JobEdge(int sourceVertexId, int targetVertexId, PartitionType partitionType, byte[] keySelector) {
    public JobEdge {
        if ((partitionType == PartitionType.HASH) != (keySelector != null)) {
            throw new IllegalArgumentException("a key selector is needed exactly for HASH edges");
        }
    }
}
