package io.spindle.graph;

/**
 * One task of the job: a chain of operators run in one thread, with its parallelism.
 *
 * @param operatorChain Java-serialized {@link OperatorChainSpec}
 */
public record JobVertex(int id, String name, int parallelism, int maxParallelism, boolean source, byte[] operatorChain) {}
