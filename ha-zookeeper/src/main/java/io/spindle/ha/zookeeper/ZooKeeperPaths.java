package io.spindle.ha.zookeeper;

import org.apache.curator.utils.ZKPaths;

/** The nodes of one cluster, relative to its Curator namespace ({@code path.root} + {@code cluster-id}). */
final class ZooKeeperPaths {
    private ZooKeeperPaths() {}

    static final String LEADER_LATCH = "/leader/latch";
    static final String LEADER_CONNECTION_INFO = "/leader/connection_info";
    static final String JOB_GRAPHS = "/jobgraphs";
    static final String CHECKPOINTS = "/checkpoints";
    static final String CHECKPOINT_COUNTER = "/checkpoint-counter";

    static String jobGraph(String jobId) {
        return ZKPaths.makePath(JOB_GRAPHS, jobId);
    }

    static String checkpointsOf(String jobId) {
        return ZKPaths.makePath(CHECKPOINTS, jobId);
    }

    /** Zero-padded so that the children sort by id as strings. */
    static String checkpoint(String jobId, long checkpointId) {
        return ZKPaths.makePath(checkpointsOf(jobId), String.format("%019d", checkpointId));
    }

    static String checkpointCounter(String jobId) {
        return ZKPaths.makePath(CHECKPOINT_COUNTER, jobId);
    }

    /**
     * The Curator namespace of a cluster: root and cluster id joined, without leading, trailing
     * or doubled slashes ({@code /spindle} + {@code /default} is {@code spindle/default}).
     */
    static String namespace(String root, String clusterId) {
        String joined = (root == null ? "" : root) + "/" + (clusterId == null ? "" : clusterId);
        return joined.replaceAll("/+", "/").replaceAll("^/|/$", "");
    }
}
