package io.spindle.deployment;

import io.spindle.api.JobClient;
import io.spindle.graph.JobGraph;

/** Runs a JobGraph somewhere: an in-process LocalCluster, a remote cluster, a new YARN application. */
public interface PipelineExecutor {
    JobClient execute(JobGraph jobGraph, ClassLoader userClassLoader) throws Exception;
}
